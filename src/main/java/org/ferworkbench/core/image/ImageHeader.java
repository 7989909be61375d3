package org.ferworkbench.core.image;

/**
 * An image's format and stored size, read from its header without decoding, so that a decompression bomb (a
 * 0.7 MB PNG that decodes to 2.2 GB) is refused before any pixel memory is spent on it.
 *
 * <p>The size is the stored one: a JPEG whose EXIF orientation is 5 to 8 decodes with width and height swapped
 * (the pixel count is the same, and that is what the memory checks use).
 *
 * <p>A header that cannot be read is refused, not handed to the decoder anyway: every format {@link ImageFormat}
 * recognises has its size at a fixed place the decoder itself reads first, so a file whose size cannot be found
 * there would not decode either, and decoding something of unknown size is exactly what this class exists to avoid.
 */
public record ImageHeader(ImageFormat format, int width, int height) {
    public long pixels() {
        return (long) width * height;
    }

    /** The header of {@code bytes}, or a one-line reason why there is none to trust. */
    public static ImageHeader read(byte[] bytes) throws ImageDecodeException {
        ImageFormat format = ImageFormat.sniff(bytes);
        Header h = new Header(format, bytes);
        return switch (format) {
            case JPEG -> h.jpeg();
            case PNG -> h.png();
            case BMP -> h.bmp();
            case WEBP -> h.webp();
            case TIFF -> h.tiff();
            case UNKNOWN -> throw new ImageDecodeException("not an image (unrecognised content)");
        };
    }

    /** Bounds-checked reads over one file's bytes: running off the end means a truncated header, never an exception. */
    private record Header(ImageFormat format, byte[] b) {
        ImageHeader jpeg() throws ImageDecodeException {
            int i = 2;   // after the start-of-image marker
            while (true) {
                // libjpeg skips stray bytes between segments (with a warning), so this does too
                if (u8(i) != 0xFF) {
                    i++;
                    continue;
                }
                while (u8(i) == 0xFF) i++;   // fill bytes before a marker
                int marker = u8(i++);
                if (isStartOfFrame(marker)) return size(u16be(i + 5), u16be(i + 3));
                if (marker == 0xDA || marker == 0xD9) throw corrupt("no frame header before the image data");
                boolean standalone = marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7);
                if (standalone) continue;
                int length = u16be(i);
                if (length < 2) throw corrupt("segment length " + length);
                i += length;
            }
        }

        /** SOF0-3, 5-7, 9-11, 13-15; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) share the range. */
        private static boolean isStartOfFrame(int marker) {
            return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        }

        ImageHeader png() throws ImageDecodeException {
            // the signature (8 bytes), then the IHDR chunk: length, type, width, height (big-endian)
            need(24);
            if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') throw corrupt("no IHDR chunk");
            return size(u32be(16), u32be(20));
        }

        ImageHeader bmp() throws ImageDecodeException {
            long infoSize = u32le(14);   // the DIB header after the 14-byte file header; its size says its kind
            if (infoSize == 12) return size(u16le(18), u16le(20));   // BITMAPCOREHEADER: unsigned 16-bit
            if (infoSize < 16) throw corrupt("unknown header size " + infoSize);
            // BITMAPINFOHEADER and its successors (and OS/2's): signed 32-bit, a negative height means top-down rows
            long width = s32le(18);
            long height = s32le(22);
            return size(width, Math.abs(height));
        }

        ImageHeader webp() throws ImageDecodeException {
            need(20);
            String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            switch (chunk) {
                case "VP8 " -> {   // lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit sizes
                    if (u8(23) != 0x9D || u8(24) != 0x01 || u8(25) != 0x2A) throw corrupt("no VP8 start code");
                    return size(u16le(26) & 0x3FFF, u16le(28) & 0x3FFF);
                }
                case "VP8L" -> {   // lossless: signature 2F, then width-1 and height-1 in 14 bits each
                    if (u8(20) != 0x2F) throw corrupt("no VP8L signature");
                    long bits = u32le(21);
                    return size((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
                }
                case "VP8X" -> {   // extended: flags, 3 reserved bytes, then the canvas width-1 and height-1 in 24 bits
                    return size(u24le(24) + 1, u24le(27) + 1);
                }
                default -> throw corrupt("no VP8, VP8L or VP8X chunk");
            }
        }

        ImageHeader tiff() throws ImageDecodeException {
            boolean little = b[0] == 'I';
            long ifd = u32(4, little);
            if (ifd > b.length) throw truncated();
            int entries = u16((int) ifd, little);
            long width = -1;
            long height = -1;
            for (int k = 0; k < entries; k++) {
                int e = (int) ifd + 2 + 12 * k;
                int tag = u16(e, little);
                if (tag != 256 && tag != 257) continue;   // ImageWidth, ImageLength
                int type = u16(e + 2, little);
                long value = switch (type) {
                    case 3 -> u16(e + 8, little);   // SHORT, left-justified in the value field
                    case 4 -> u32(e + 8, little);   // LONG
                    default -> throw corrupt("image size of type " + type);
                };
                if (tag == 256) width = value; else height = value;
            }
            if (width < 0 || height < 0) throw corrupt("no image width or height in the first directory");
            return size(width, height);
        }

        /** Zero is corrupt; beyond an int no real image goes (and PNG forbids it). Large but real sizes pass: the codec judges those. */
        private ImageHeader size(long width, long height) throws ImageDecodeException {
            if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
                throw corrupt("impossible size " + width + "x" + height);
            }
            return new ImageHeader(format, (int) width, (int) height);
        }

        private ImageDecodeException corrupt(String what) {
            return new ImageDecodeException("corrupt " + format.label() + " header (" + what + ")");
        }

        private ImageDecodeException truncated() {
            return new ImageDecodeException("truncated " + format.label() + " header (the file ends inside it)");
        }

        private void need(long length) throws ImageDecodeException {
            if (length > b.length) throw truncated();
        }

        private int u8(int i) throws ImageDecodeException {
            if (i < 0) throw truncated();   // an offset that ran past 2 GB
            need(i + 1L);
            return b[i] & 0xFF;
        }

        private int u16be(int i) throws ImageDecodeException {
            return u8(i) << 8 | u8(i + 1);
        }

        private int u16le(int i) throws ImageDecodeException {
            return u8(i) | u8(i + 1) << 8;
        }

        private int u16(int i, boolean little) throws ImageDecodeException {
            return little ? u16le(i) : u16be(i);
        }

        private long u24le(int i) throws ImageDecodeException {
            return u16le(i) | (long) u8(i + 2) << 16;
        }

        private long u32be(int i) throws ImageDecodeException {
            return (long) u16be(i) << 16 | u16be(i + 2);
        }

        private long u32le(int i) throws ImageDecodeException {
            return u16le(i) | (long) u16le(i + 2) << 16;
        }

        private long u32(int i, boolean little) throws ImageDecodeException {
            return little ? u32le(i) : u32be(i);
        }

        private long s32le(int i) throws ImageDecodeException {
            return (int) u32le(i);
        }
    }
}
