package org.ferworkbench.core.image;

/** Image formats recognised by their first bytes (file names lie: the muxspace set has a WebP named .jpg). */
public enum ImageFormat {
    JPEG("JPEG"), PNG("PNG"), BMP("BMP"), WEBP("WebP"), TIFF("TIFF"), UNKNOWN("unknown");

    private final String label;

    ImageFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) return JPEG;
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return PNG;
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') return BMP;
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return WEBP;
        if (b.length >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
                || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) return TIFF;
        return UNKNOWN;
    }

    /** Whether a file name has an extension this tool reads (the content decides the real format). */
    public static boolean hasImageExtension(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp")
                || n.endsWith(".webp") || n.endsWith(".tif") || n.endsWith(".tiff");
    }
}
