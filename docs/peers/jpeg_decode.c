/*
 * The cost model's reference line for decoding (issue 19): what libjpeg-turbo costs per image when its SIMD code is
 * built in, with no wrapper around it, to set against OpenCV's `imdecode` (PrimitiveCosts' "decode" line).
 *
 * The OpenCV of the stack (org.openpnp:opencv 4.9.0-0) links its own libjpeg-turbo built without SIMD: its native
 * library holds the string "jsimd_none.c" and no jsimd_* routine, and perf shows the C routines jpeg_idct_islow,
 * ycc_rgb_convert and h2v2_fancy_upsample. This program decodes the same files with the system's libjpeg-turbo
 * (Debian 12: libjpeg62-turbo, SIMD on), to BGR as OpenCV does, one thread, the files in memory, and prints the mean
 * time per image of three passes.
 *
 *   gcc -O2 -o /tmp/jpeg_decode docs/peers/jpeg_decode.c -ljpeg    # Debian 12: apt-get install libjpeg62-turbo-dev
 *   /tmp/jpeg_decode /tmp/fer128 3000
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <jpeglib.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: jpeg_decode <dataset folder (class folders of .jpg)> [images]\n");
        return 2;
    }
    size_t limit = argc > 2 ? (size_t) atol(argv[2]) : 3000;
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/*/*.jpg", argv[1]);
    glob_t files;
    if (glob(pattern, 0, NULL, &files) != 0 || files.gl_pathc == 0) {
        fprintf(stderr, "jpeg_decode: no %s\n", pattern);
        return 1;
    }
    size_t n = files.gl_pathc < limit ? files.gl_pathc : limit;
    unsigned char **data = malloc(n * sizeof *data);
    long *length = malloc(n * sizeof *length);
    for (size_t i = 0; i < n; i++) {
        FILE *f = fopen(files.gl_pathv[i], "rb");
        if (!f) { perror(files.gl_pathv[i]); return 1; }
        fseek(f, 0, SEEK_END);
        length[i] = ftell(f);
        fseek(f, 0, SEEK_SET);
        data[i] = malloc(length[i]);
        if (fread(data[i], 1, length[i], f) != (size_t) length[i]) { perror(files.gl_pathv[i]); return 1; }
        fclose(f);
    }
    unsigned char *pixels = NULL;
    size_t capacity = 0;
    long checksum = 0;
    for (int pass = 0; pass < 3; pass++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (size_t i = 0; i < n; i++) {
            struct jpeg_decompress_struct c;
            struct jpeg_error_mgr e;
            c.err = jpeg_std_error(&e);
            jpeg_create_decompress(&c);
            jpeg_mem_src(&c, data[i], length[i]);
            jpeg_read_header(&c, TRUE);
            c.out_color_space = JCS_EXT_BGR;       /* OpenCV's order: no conversion pass after */
            jpeg_start_decompress(&c);
            size_t row = (size_t) c.output_width * 3, need = row * c.output_height;
            if (need > capacity) { pixels = realloc(pixels, need); capacity = need; }
            while (c.output_scanline < c.output_height) {
                unsigned char *at = pixels + c.output_scanline * row;
                jpeg_read_scanlines(&c, &at, 1);
            }
            checksum += pixels[need / 2];
            jpeg_finish_decompress(&c);
            jpeg_destroy_decompress(&c);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double us = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e3 / n;
        printf("pass %d: %zu images, %.1f us per image\n", pass + 1, n, us);
    }
    printf("(checksum %ld)\n", checksum & 1);
    return 0;
}
