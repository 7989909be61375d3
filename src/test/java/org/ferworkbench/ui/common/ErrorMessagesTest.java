package org.ferworkbench.ui.common;

import org.ferworkbench.core.dataset.DatasetException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMessagesTest {
    @Test
    void failuresBecomeOneSentenceWithoutTechnicalNoise() {
        assertThat(ErrorMessages.friendly(new DatasetException("No class folders in /x"))).isEqualTo("No class folders in /x");
        assertThat(ErrorMessages.friendly(new UncheckedIOException(new AccessDeniedException("/data/a.jpg"))))
                .isEqualTo("Access denied: /data/a.jpg cannot be read or written.");
        assertThat(ErrorMessages.friendly(new FileSystemException("/out", null, "No space left on device")))
                .isEqualTo("A file could not be read or written: the disk is full.");
        assertThat(ErrorMessages.friendly(new IllegalStateException("face detection needs the models")))
                .isEqualTo("Face detection needs the models.");
        assertThat(ErrorMessages.friendly(new IllegalStateException("Face detection needs the MTCNN models (x); use --no-detect for "
                + "datasets that are already cropped"))).contains("switch off \"Detect faces\" in the settings for datasets");
        assertThat(ErrorMessages.friendly(new OutOfMemoryError())).contains("ran out of memory");
        assertThat(ErrorMessages.friendly(new NullPointerException())).startsWith("Something unexpected went wrong")
                .contains("decisions are saved");
    }
}
