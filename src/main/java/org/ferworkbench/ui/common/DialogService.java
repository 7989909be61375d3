package org.ferworkbench.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Dialogs and desktop actions ViewModels may ask for, behind an interface so ViewModels are tested without a
 * window. Implementations show every dialog owned by the main window.
 */
public interface DialogService {
    /** A friendly error: a sentence for the user; the cause (if any) only behind "Details". */
    void showError(String title, String message, Throwable details);

    void showInfo(String title, String message);

    boolean confirm(String title, String message, String confirmLabel);

    Optional<Path> chooseDirectory(String title, Path initial);

    Optional<Path> chooseSaveFile(String title, Path initialDirectory, String initialName, String description, String extension);

    /**
     * Asks the system's file manager to show a folder: false when there is none to ask or it could not (then the
     * caller shows the path instead, see {@link FolderOpening}). May take a moment: call it off the JavaFX thread.
     */
    boolean openFolder(Path folder);

    /** Puts the text on the system clipboard (JavaFX thread). */
    void copyToClipboard(String text);
}
