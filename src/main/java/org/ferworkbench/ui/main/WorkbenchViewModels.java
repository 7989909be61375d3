package org.ferworkbench.ui.main;

import org.ferworkbench.core.balance.BalancePlanner;
import org.ferworkbench.core.plan.ExportPlanner;
import org.ferworkbench.core.curation.WorkspaceReader;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.split.StratifiedSplitter;
import org.ferworkbench.ui.browser.BrowserViewModel;
import org.ferworkbench.ui.charts.DistributionViewModel;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.Lazy;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.duplicates.DuplicatesViewModel;
import org.ferworkbench.ui.export.ExportViewModel;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.inspector.InspectorViewModel;
import org.ferworkbench.ui.review.ReviewViewModel;
import org.ferworkbench.ui.settings.SettingsViewModel;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * All ViewModels of the workbench, wired to each other and to the core services through constructors. Built by
 * the application and, identically, by tests (with a current-thread executor and a fake dialog service).
 */
public record WorkbenchViewModels(MainViewModel main, BrowserViewModel browser, ReviewViewModel review,
                                  InspectorViewModel inspector, DistributionViewModel distribution,
                                  SettingsViewModel settings, ExportViewModel export, DuplicatesViewModel duplicates) {

    /** What the ViewModels need from the outside world. */
    public record Services(TaskExecutor executor, DialogService dialogs, UiPreferences preferences, Path home,
                           Predicate<Path> workspaceBesideAllowed, FacePreviewService faces, PipelineFactory pipelines,
                           int threads, org.ferworkbench.core.curation.Pacer pacer) {
        public Services(TaskExecutor executor, DialogService dialogs, UiPreferences preferences, Path home,
                        Predicate<Path> workspaceBesideAllowed, FacePreviewService faces, PipelineFactory pipelines, int threads) {
            this(executor, dialogs, preferences, home, workspaceBesideAllowed, faces, pipelines, threads,
                    org.ferworkbench.core.curation.Pacer.NONE);
        }
    }

    public static WorkbenchViewModels create(Services s) {
        // OpenCV-backed: made on first use, on a worker thread (loading OpenCV must not delay the first window)
        Lazy<SourceReader> reader = Lazy.of(() -> new SourceReader(new ImageCodec()));
        Lazy<WorkspaceReader> workspaceReader = Lazy.of(() -> new WorkspaceReader(reader.get()));
        MainViewModel main = new MainViewModel(s.executor(), s.dialogs(), s.preferences(), s.home(), s.workspaceBesideAllowed(),
                s.faces(), workspaceReader, s.pacer());
        BrowserViewModel browser = new BrowserViewModel(main.sessionProperty(), s.executor());
        ReviewViewModel review = new ReviewViewModel(main.sessionProperty(), browser);
        InspectorViewModel inspectorVm = new InspectorViewModel(main.sessionProperty(), browser.selectedItemProperty(), s.faces(),
                reader, Lazy.of(ImageResizer::new), s.executor());
        DistributionViewModel distribution = new DistributionViewModel(main.sessionProperty(),
                new ExportPlanner(new StratifiedSplitter(), new BalancePlanner()), s.executor(), s.dialogs());
        SettingsViewModel settings = new SettingsViewModel(main.sessionProperty(), s.executor());
        ExportViewModel export = new ExportViewModel(main.sessionProperty(), s.pipelines(), s.executor(), s.dialogs(),
                s.preferences(), main::savePreferences, s.threads(), s.faces(), settings.exportBlockedReasonProperty());
        return new WorkbenchViewModels(main, browser, review, inspectorVm, distribution, settings, export,
                new DuplicatesViewModel(main.sessionProperty(), review::record));
    }
}
