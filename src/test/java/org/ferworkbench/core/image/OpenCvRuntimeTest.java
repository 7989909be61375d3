package org.ferworkbench.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenCvRuntimeTest {
    @TempDir
    Path tmp;

    @Test
    void theLibraryIsCopiedIntoTheCacheOnceAndRepairedWhenDamaged() throws Exception {
        String resource = OpenCvRuntime.bundledResource();
        assumeTrue(resource != null, "no OpenCV library in the openpnp jar for this platform");
        URL url = OpenCvRuntime.class.getResource(resource);
        assertThat(url).as("the openpnp jar has " + resource).isNotNull();
        long size;
        try (InputStream in = url.openStream()) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }

        Path first = OpenCvRuntime.cachedLibrary(tmp);
        assertThat(first).isNotNull().isRegularFile().startsWith(tmp);
        assertThat(Files.size(first)).isEqualTo(size);
        try (var files = Files.list(first.getParent())) {
            assertThat(files).as("no temporary copy left behind").containsExactly(first);
        }

        FileTime stamp = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(first, stamp);
        assertThat(OpenCvRuntime.cachedLibrary(tmp)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first)).as("a complete copy is reused, not rewritten").isEqualTo(stamp);

        Files.write(first, new byte[10]);
        assertThat(OpenCvRuntime.cachedLibrary(tmp)).isEqualTo(first);
        assertThat(Files.size(first)).as("a damaged copy is replaced").isEqualTo(size);
    }

    @Test
    void anUnusableCacheFolderGivesNoLibrary() throws Exception {
        assumeTrue(OpenCvRuntime.bundledResource() != null, "no OpenCV library in the openpnp jar for this platform");
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        assertThat(OpenCvRuntime.cachedLibrary(notAFolder)).isNull();
    }

    @Test
    void openCvLoadsAndWorks() {
        OpenCvRuntime.ensureLoaded();
        assertThat(org.opencv.core.Core.VERSION).startsWith("4.9");
    }
}
