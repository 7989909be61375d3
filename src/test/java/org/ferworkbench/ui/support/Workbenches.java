package org.ferworkbench.ui.support;

import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.ui.common.CurrentThreadTaskExecutor;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.main.WorkbenchViewModels;

import java.nio.file.Path;

/** ViewModels wired as in the application, for plain JUnit tests. */
public final class Workbenches {
    private Workbenches() { }

    public static WorkbenchViewModels create(Path home, RecordingDialogs dialogs, FacePreviewService faces) {
        return create(home, dialogs, faces, new CurrentThreadTaskExecutor());
    }

    public static WorkbenchViewModels create(Path home, RecordingDialogs dialogs, FacePreviewService faces, TaskExecutor executor) {
        return WorkbenchViewModels.create(new WorkbenchViewModels.Services(executor, dialogs, UiPreferences.load(home), home,
                p -> true, faces, PipelineFactory.withoutDetection(), 2));
    }
}
