package org.ferworkbench.ui.support;

import org.ferworkbench.ui.common.DialogService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A DialogService for tests: records what would be shown and answers with preset values, never blocking. */
public final class RecordingDialogs implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    public final List<Path> opened = new ArrayList<>();
    public final List<String> clipboard = new ArrayList<>();
    public volatile boolean folderOpens = true;
    public volatile Path directoryAnswer;
    public volatile Path saveAnswer;
    public volatile boolean confirmAnswer = true;

    @Override
    public synchronized void showError(String title, String message, Throwable details) {
        errors.add(title + ": " + message);
    }

    @Override
    public synchronized void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        return confirmAnswer;
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        return Optional.ofNullable(directoryAnswer);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialDirectory, String initialName, String description, String extension) {
        return Optional.ofNullable(saveAnswer);
    }

    /** Folders the fake file manager was asked to show; {@link #folderOpens} false: as if there were none. */
    @Override
    public synchronized boolean openFolder(Path folder) {
        opened.add(folder);
        return folderOpens;
    }

    @Override
    public synchronized void copyToClipboard(String text) {
        clipboard.add(text);
    }
}
