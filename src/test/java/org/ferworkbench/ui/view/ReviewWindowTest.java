package org.ferworkbench.ui.view;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;
import org.ferworkbench.core.curation.DecisionJournal;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.core.curation.Verdict;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.main.Shortcut;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.review.DecisionRecord;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Windows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review in the real window (Monocle, headless), driven with mouse and keyboard: the review keys act only where
 * the keyboard is on the images, every decision is confirmed with Undo (and Redo after it), several images are
 * decided at once, the history shows each decision's image, the grid's page keys, and the shortcuts' help.
 */
class ReviewWindowTest {
    @TempDir
    Path dir;

    @RegisterExtension
    static final Windows windows = new Windows();
    private final FxRobot robot = windows.robot();

    /** Keys held by a failed test are let go before the windows close (the extension closes them next). */
    @AfterEach
    void releaseKeys() {
        robot.release(new KeyCode[0]);
    }

    /** The window over a dataset, its checks done, the class shown and its first image clicked. */
    private Workbench open(Path data, RecordingDialogs dialogs, String className) {
        Workbench w = windows.show(dir.resolve("home"), null, dialogs, new FakeFaces(),
                config -> PreparePipeline.standard(new org.ferworkbench.core.face.DetectionCache(null)), true);
        if (data == null) return w;
        WorkbenchViewModels vms = w.viewModels();
        robot.interact(() -> vms.main().openDataset(data));
        waitUntil("the dataset", () -> vms.main().getSession() != null, 60);
        waitUntil("the checks", () -> vms.main().backgroundTextProperty().get().matches("[0-9,]+ images? checked: .*"), 60);
        robot.interact(() -> vms.browser().selectedClassProperty().set(className));
        waitUntil("the class's images", () -> !vms.browser().visibleItems().isEmpty()
                && vms.browser().visibleItems().get(0).sample().className().equals(className), 10);
        waitUntil("the first cell", () -> cellOf(vms.browser().visibleItems().get(0)) != null, 10);
        robot.clickOn(cellOf(vms.browser().visibleItems().get(0)));
        waitUntil("the grid's keyboard", () -> isInGrid(w), 5);
        return w;
    }

    @Test
    void reviewKeysActInTheGridAndNowhereElse() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Workbench w = open(Datasets.small(dir.resolve("data")), dialogs, "anger");
        WorkbenchViewModels vms = w.viewModels();
        var browser = vms.browser();
        Path journal = vms.main().getSession().workspace().decisionsFile();

        // in the grid, each key acts
        SampleItem first = browser.getSelectedItem();
        String before = journalText(journal);
        robot.type(KeyCode.A);
        waitUntil("A", () -> first.getStatus() == SampleStatus.ACCEPTED, 5);
        robot.type(KeyCode.R);
        waitUntil("R", () -> first.getStatus() == SampleStatus.REJECTED, 5);
        robot.type(KeyCode.U);
        waitUntil("U", () -> first.getStatus() == SampleStatus.ACCEPTED, 5);
        waitUntil("the journal", () -> !journalText(journal).equals(before) && journalText(journal).lines().count() == 3, 5);
        robot.type(KeyCode.N);
        waitUntil("N", () -> browser.getSelectedItem().fileName().equals("anger_001.jpg"), 5);
        robot.type(KeyCode.RIGHT);
        waitUntil("Right", () -> index(w) == 2, 5);
        robot.type(KeyCode.LEFT);
        waitUntil("Left", () -> index(w) == 1, 5);
        int columns = fx(() -> columns(w));
        assertThat(columns).isGreaterThan(1).isLessThan(12);
        robot.type(KeyCode.DOWN);
        waitUntil("Down", () -> index(w) == 1 + columns, 5);
        robot.type(KeyCode.UP);
        waitUntil("Up", () -> index(w) == 1, 5);
        robot.type(KeyCode.END);
        waitUntil("End", () -> index(w) == 11, 5);
        robot.type(KeyCode.HOME);
        waitUntil("Home", () -> index(w) == 0, 5);
        robot.type(KeyCode.PAGE_DOWN);
        waitUntil("Page Down", () -> index(w) > 0, 5);
        robot.type(KeyCode.PAGE_UP);
        waitUntil("Page Up", () -> index(w) == 0, 5);
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        waitUntil("Shift+Right", () -> browser.selectedItems().size() == 2, 5);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        waitUntil("Ctrl+A", () -> browser.selectedItems().size() == 12, 5);
        assertThat(first.getStatus()).as("Ctrl+A is not A").isEqualTo(SampleStatus.ACCEPTED);
        robot.type(KeyCode.HOME);
        waitUntil("one image again", () -> browser.selectedItems().size() == 1, 5);

        // elsewhere, no key decides or moves anything, and the journal stays as it is
        // each a key, or modifiers and a key
        List<KeyCode[]> keys = new ArrayList<>();
        for (KeyCode k : List.of(KeyCode.A, KeyCode.R, KeyCode.U, KeyCode.N, KeyCode.LEFT, KeyCode.RIGHT, KeyCode.UP, KeyCode.DOWN,
                KeyCode.HOME, KeyCode.END, KeyCode.PAGE_UP, KeyCode.PAGE_DOWN)) {
            keys.add(new KeyCode[]{k});
        }
        keys.add(new KeyCode[]{KeyCode.SHIFT, KeyCode.RIGHT});
        keys.add(new KeyCode[]{KeyCode.CONTROL, KeyCode.A});
        robot.clickOn("#settingsTab");
        TextField seed = robot.lookup("#seed").queryAs(TextField.class);
        Node blank = robot.lookup("#settings .section-title").query();
        @SuppressWarnings("unchecked")
        ChoiceBox<RejectReason> reasons = robot.lookup("#rejectReason").queryAs(ChoiceBox.class);
        Map<String, Runnable> places = new java.util.LinkedHashMap<>();
        places.put("a Settings field", () -> robot.clickOn(seed));
        places.put("blank Settings space", () -> {
            // the keyboard back in the grid first: the click must take it away
            robot.interact(() -> w.view().focusGrid());
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(blank);
        });
        places.put("the reason list", () -> robot.interact(reasons::requestFocus));
        for (Map.Entry<String, Runnable> place : places.entrySet()) {
            for (KeyCode[] combo : keys) {
                KeyCode key = combo[combo.length - 1];
                KeyCode[] held = Arrays.copyOf(combo, combo.length - 1);
                String what = Arrays.toString(combo) + " in " + place.getKey();
                place.getValue().run();
                WaitForAsyncUtils.waitForFxEvents();
                assertThat(isInGrid(w)).as("the keyboard left the grid for " + place.getKey()).isFalse();
                String journalBefore = settledJournal(journal);
                Map<String, String> decisions = decisions(vms);
                SampleItem selected = browser.getSelectedItem();
                int count = browser.selectedItems().size();
                robot.press(held).type(key).release(held);
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> { });
                assertThat(decisions(vms)).as(what).isEqualTo(decisions);
                assertThat(browser.getSelectedItem()).as(what).isSameAs(selected);
                assertThat(browser.selectedItems()).as(what).hasSize(count);
                assertThat(settledJournal(journal)).as(what).isEqualTo(journalBefore);
                if (combo.length == 1 && key == KeyCode.R && !place.getKey().equals("a Settings field")) {
                    // not lost without a word
                    assertThat(toastText()).startsWith("R did nothing");
                }
            }
            robot.type(KeyCode.ESCAPE);
        }
        assertThat(seed.getText()).as("the letters went to the field").contains("arun");
        robot.interact(() -> seed.setText("42"));
    }

    @Test
    void everyDecisionIsConfirmedWithUndoAndRedo() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Workbench w = open(Datasets.small(dir.resolve("data")), dialogs, "anger");
        WorkbenchViewModels vms = w.viewModels();
        SampleItem third = vms.browser().visibleItems().get(3);
        robot.clickOn(cellOf(third));
        Path journal = vms.main().getSession().workspace().decisionsFile();

        waitUntil("the inspector", () -> vms.inspector().titleProperty().get().equals(third.relativePath())
                && !vms.inspector().loadingProperty().get() && vms.inspector().outputProperty().get() != null, 30);
        assertThat(robot.lookup("#outputCaption").queryAs(javafx.scene.control.Label.class).getText()).startsWith("96×96");

        // a key
        robot.type(KeyCode.R);
        waitUntil("the confirmation", () -> toastText().equals("anger_003.jpg rejected (other)"), 5);
        // the inspector says it at once: no crop shown as exported, the status is the review's
        waitUntil("the inspector after R", () -> robot.lookup("#outputCaption").queryAs(javafx.scene.control.Label.class)
                .getText().startsWith("Not exported: rejected in review (other)"), 10);
        assertThat(vms.inspector().outputProperty().get()).isNull();
        assertThat(vms.inspector().metadata()).contains(new org.ferworkbench.ui.inspector.MetadataRow("Status", "rejected in review"));
        assertThat(robot.lookup("#decisionToast").query().isVisible()).isTrue();
        assertThat(robot.lookup("#toastAction").queryButton().getText()).isEqualTo("Undo");
        // its Undo, which leaves the keyboard in the grid
        robot.clickOn("#toastAction");
        waitUntil("undone", () -> third.decision() == null, 5);
        waitUntil("the inspector after the undo", () -> robot.lookup("#outputCaption").queryAs(javafx.scene.control.Label.class)
                .getText().startsWith("96×96"), 10);
        assertThat(toastText()).isEqualTo("Undo: anger_003.jpg undecided");
        assertThat(robot.lookup("#toastAction").queryButton().getText()).isEqualTo("Redo");
        assertThat(isInGrid(w)).isTrue();
        // redo and undo with their keys
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil("Ctrl+Shift+Z", () -> third.getStatus() == SampleStatus.REJECTED, 5);
        assertThat(toastText()).isEqualTo("Redo: anger_003.jpg rejected (other)");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil("Ctrl+Z", () -> third.decision() == null, 5);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        waitUntil("Ctrl+Y", () -> third.getStatus() == SampleStatus.REJECTED, 5);
        assertThat(toastText()).isEqualTo("Redo: anger_003.jpg rejected (other)");
        // a button
        robot.clickOn("#acceptButton");
        waitUntil("the button", () -> toastText().equals("anger_003.jpg accepted"), 5);
        // the menu
        robot.clickOn(cellOf(vms.browser().visibleItems().get(4)));
        robot.interact(() -> menuItem("menuReject").fire());
        waitUntil("the menu", () -> toastText().equals("anger_004.jpg rejected (other)"), 5);
        robot.interact(() -> menuItem("menuUndo").fire());
        waitUntil("the menu's undo", () -> toastText().equals("Undo: anger_004.jpg undecided"), 5);
        robot.interact(() -> menuItem("menuRedo").fire());
        waitUntil("the menu's redo", () -> toastText().equals("Redo: anger_004.jpg rejected (other)"), 5);

        // all of it journaled: what a restart reads
        waitUntil("the journal", () -> {
            var d = DecisionJournal.read(journal).decisions();
            return d.size() == 2 && d.get("anger/anger_003.jpg").verdict() == Verdict.ACCEPTED
                    && d.get("anger/anger_004.jpg").verdict() == Verdict.REJECTED;
        }, 5);
        // the confirmation goes by itself
        waitUntil("the confirmation to go", () -> !robot.lookup("#decisionToast").query().isVisible(), 15);
    }

    @Test
    void severalImagesAreRejectedTogetherAndUndoneAsOne() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Workbench w = open(Datasets.small(dir.resolve("data")), dialogs, "anger");
        WorkbenchViewModels vms = w.viewModels();
        var browser = vms.browser();
        List<SampleItem> items = List.copyOf(browser.visibleItems());
        robot.clickOn(cellOf(items.get(4)));
        robot.press(KeyCode.SHIFT).clickOn(cellOf(items.get(7))).release(KeyCode.SHIFT);
        robot.press(KeyCode.CONTROL).clickOn(cellOf(items.get(10))).release(KeyCode.CONTROL);
        waitUntil("five selected", () -> browser.selectedItems().size() == 5, 5);
        assertThat(browser.selectedItems()).containsExactly(items.get(4), items.get(5), items.get(6), items.get(7), items.get(10));
        // the cells say so, and the inspector shows the image clicked last
        waitUntil("the marks", () -> robot.lookup(".thumbnail-cell").queryAll().stream()
                .filter(c -> c.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("selected"))).count() == 5, 5);
        waitUntil("the inspector", () -> vms.inspector().titleProperty().get().equals(items.get(10).relativePath()), 10);
        assertThat(robot.lookup("#shownCount").queryAs(Label.class).getText()).isEqualTo("5 selected · 12 of 12 images");

        robot.type(KeyCode.R);
        waitUntil("the rejection", () -> toastText().equals("5 images rejected (other)"), 5);
        assertThat(vms.main().getSession().rejectedPaths()).hasSize(5);
        robot.type(KeyCode.U);
        waitUntil("one undo for all", () -> vms.main().getSession().rejectedPaths().isEmpty(), 5);
        assertThat(toastText()).isEqualTo("Undo: 5 images undecided");

        // Ctrl+A in a filtered view, one reason, the Reject button
        robot.clickOn("#search").write("_00");
        waitUntil("the filter", () -> browser.visibleItems().size() == 10, 5);
        robot.clickOn(cellOf(browser.visibleItems().get(0)));
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        waitUntil("all shown", () -> browser.selectedItems().size() == 10, 5);
        robot.interact(() -> vms.review().reasonProperty().set(RejectReason.BAD_ALIGNMENT));
        robot.clickOn("#rejectButton");
        waitUntil("the bulk rejection", () -> toastText().equals("10 images rejected (bad alignment)"), 5);
        Path journal = vms.main().getSession().workspace().decisionsFile();
        waitUntil("the journal", () -> DecisionJournal.read(journal).rejected().size() == 10, 5);
        assertThat(DecisionJournal.read(journal).decisions().values()).extracting(ReviewDecision::reason)
                .containsOnly(RejectReason.BAD_ALIGNMENT);
        assertThat(items.get(10).decision()).as("not shown, not selected").isNull();
    }

    @Test
    void theHistoryListsTheDecisionsAndShowsTheirImages() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Workbench w = open(Datasets.small(dir.resolve("data")), dialogs, "disgust");
        WorkbenchViewModels vms = w.viewModels();
        SampleItem decided = vms.browser().visibleItems().get(3);
        robot.clickOn(cellOf(decided));
        robot.type(KeyCode.R);
        waitUntil("the rejection", () -> decided.getStatus() == SampleStatus.REJECTED, 5);
        robot.interact(() -> vms.browser().selectedClassProperty().set("anger"));
        waitUntil("anger", () -> vms.browser().getSelectedItem().fileName().equals("anger_000.jpg"), 5);

        robot.interact(() -> menuItem("menuHistory").fire());
        waitUntil("the history tab", () -> robot.lookup("#historyTab").tryQuery().isPresent()
                && w.view().sideTabs().getSelectionModel().getSelectedItem().getId().equals("historyTab"), 5);
        @SuppressWarnings("unchecked")
        TableView<DecisionRecord> table = robot.lookup("#decisionHistory").queryAs(TableView.class);
        waitUntil("its line", () -> !table.getItems().isEmpty(), 5);
        DecisionRecord line = table.getItems().get(0);
        assertThat(line.relativePath()).isEqualTo("disgust/disgust_003.jpg");
        assertThat(line.verdictText()).isEqualTo("rejected");
        assertThat(line.reasonText()).isEqualTo("other");
        Node row = robot.lookup("#decisionHistory .table-row-cell").nth(0).query();
        robot.clickOn(row);
        waitUntil("its image", () -> vms.browser().getSelectedItem() == decided, 5);
        assertThat(vms.browser().selectedClassProperty().get()).isEqualTo("disgust");
    }

    @Test
    void pageKeysMoveThroughALargeClassAndAnotherClassStartsAtTheTop() throws Exception {
        Path data = Datasets.small(dir.resolve("data"));
        for (String c : List.of("anger", "fear")) {
            for (int i = 0; i < 90; i++) {
                Files.copy(data.resolve(c + "/" + c + "_003.jpg"), data.resolve(c + String.format("/%s_x%03d.jpg", c, i)));
            }
        }
        RecordingDialogs dialogs = new RecordingDialogs();
        Workbench w = open(data, dialogs, "anger");
        WorkbenchViewModels vms = w.viewModels();
        int page = fx(() -> w.view().browser().pageSize());
        int columns = fx(() -> columns(w));
        assertThat(page).isGreaterThanOrEqualTo(columns);
        robot.type(KeyCode.PAGE_DOWN);
        waitUntil("a page down", () -> index(w) == page, 5);
        robot.type(KeyCode.END);
        waitUntil("the end", () -> index(w) == 101, 5);
        waitUntil("scrolled down", () -> fx(() -> w.view().browser().firstVisibleRow()) > 0, 5);
        robot.type(KeyCode.PAGE_UP);
        waitUntil("a page up", () -> index(w) == 101 - page, 5);

        // another class: its first image, at the top
        robot.type(KeyCode.END);
        waitUntil("the end again", () -> index(w) == 101, 5);
        waitUntil("scrolled down", () -> fx(() -> w.view().browser().firstVisibleRow()) > 0, 5);
        var fearRow = robot.lookup("#classList .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> l && l.getItem() instanceof org.ferworkbench.ui.browser.ClassRow r
                        && r.className().equals("fear")).findFirst().orElseThrow();
        robot.clickOn(fearRow);
        waitUntil("fear", () -> "fear".equals(vms.browser().selectedClassProperty().get()), 5);
        waitUntil("its first image", () -> vms.browser().getSelectedItem() == vms.browser().visibleItems().get(0), 5);
        waitUntil("at the top", () -> fx(() -> w.view().browser().firstVisibleRow()) == 0, 5);
    }

    @Test
    void theHelpListsEveryShortcutAndTheMenusUseNoOther() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Workbench w = open(null, dialogs, null);
        robot.interact(() -> menuItem("menuShortcuts").fire());
        waitUntil("the help", () -> !dialogs.infos.isEmpty(), 5);
        String help = dialogs.infos.get(0);
        for (Shortcut s : Shortcut.values()) {
            assertThat(help).contains(s.displayText() + ": " + s.description());
        }
        for (String key : List.of("Ctrl+1", "Ctrl+2", "Ctrl+Q", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+A", "Shift+click",
                "Ctrl+click", "Home", "End", "Page Up", "Page Down")) {
            assertThat(help).as(key).contains(key + ": ");
        }
        // every accelerator of the window comes from the table
        List<KeyCombination> known = Arrays.stream(Shortcut.values()).map(Shortcut::combination).toList();
        List<KeyCombination> used = new ArrayList<>(fx(() -> w.stage().getScene().getAccelerators().keySet()));
        forEachMenuItem(i -> {
            if (i.getAccelerator() != null) used.add(i.getAccelerator());
        });
        assertThat(used).isNotEmpty().allMatch(known::contains);
    }

    private static MenuBar menuBar() {
        return new FxRobot().lookup("#menuBar").queryAs(MenuBar.class);
    }

    private static MenuItem menuItem(String id) {
        List<MenuItem> found = new ArrayList<>();
        forEachMenuItem(i -> {
            if (id.equals(i.getId())) found.add(i);
        });
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }

    private static void forEachMenuItem(Consumer<MenuItem> action) {
        for (var menu : menuBar().getMenus()) {
            for (MenuItem i : menu.getItems()) action.accept(i);
        }
    }

    private String toastText() {
        return robot.lookup("#toastText").queryAs(Label.class).getText();
    }

    private static int index(Workbench w) {
        return w.viewModels().browser().selectedIndexProperty().get();
    }

    private static int columns(Workbench w) {
        return w.view().browser().columns();
    }

    private static boolean isInGrid(Workbench w) throws Exception {
        return fx(() -> {
            GridView<?> grid = w.view().browser().grid();
            for (Node n = w.stage().getScene().getFocusOwner(); n != null; n = n.getParent()) {
                if (n == grid) return true;
            }
            return false;
        });
    }

    private GridCell<?> cellOf(SampleItem item) {
        return robot.lookup(".thumbnail-cell").queryAll().stream().map(n -> (GridCell<?>) n)
                .filter(c -> c.getItem() == item && c.isVisible()).findFirst().orElse(null);
    }

    /** Each decided image's verdict and reason, as the session has them. */
    private static Map<String, String> decisions(WorkbenchViewModels vms) {
        Map<String, String> out = new TreeMap<>();
        for (SampleItem i : vms.main().getSession().items()) {
            if (i.decision() != null) out.put(i.relativePath(), i.decision().verdict() + " " + i.decision().reason());
        }
        return out;
    }

    private static String journalText(Path journal) throws java.io.IOException {
        return Files.exists(journal) ? Files.readString(journal) : "";
    }

    /** The journal once the writes in flight are done (it stays the same for a while). */
    private static String settledJournal(Path journal) throws Exception {
        String last = journalText(journal);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(150);
            String now = journalText(journal);
            if (now.equals(last)) return now;
            last = now;
        }
        return last;
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return Windows.fx(action);
    }

    private static void waitUntil(String what, Callable<Boolean> condition, int seconds) {
        Windows.waitUntil(what, condition, seconds);
    }
}
