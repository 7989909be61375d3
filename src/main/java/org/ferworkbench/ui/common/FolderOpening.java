package org.ferworkbench.ui.common;

import org.ferworkbench.core.dataset.FileNames;

import java.nio.file.Path;

/**
 * "Open folder" for the ViewModels: asks the desktop's file manager in the background; where there is none (no
 * desktop support, nothing registered for folders, opening failed), shows the folder's path in a dialog and puts it
 * on the clipboard, so the user can still get there.
 */
public final class FolderOpening {
    private FolderOpening() { }

    /** @param what the folder in words for the dialog's title, e.g. "Export folder" */
    public static void open(TaskExecutor executor, DialogService dialogs, String what, Path folder) {
        executor.execute(BackgroundTask.of("Opening a folder", ctx -> dialogs.openFolder(folder))
                .onSuccess(opened -> {
                    if (!opened) showPath(dialogs, what, folder);
                })
                .onFailure(e -> showPath(dialogs, what, folder)));
    }

    private static void showPath(DialogService dialogs, String what, Path folder) {
        String path = FileNames.path(folder.toAbsolutePath());
        dialogs.copyToClipboard(path);
        dialogs.showInfo(what, "No file manager could be opened here to show the folder. It is:\n\n" + path
                + "\n\nThe path is on the clipboard: paste it into a file manager or a terminal.");
    }
}
