package org.ferworkbench.ui.review;

/**
 * What the window briefly says after a decision (or after a review key did nothing): the message, and the one action
 * offered with it. A new confirmation is a new object even when its words repeat ({@code serial}), so the view
 * shows it again.
 */
public record Confirmation(long serial, String message, Action action) {
    /** The button offered with the message. */
    public enum Action {
        /** Take back the decision just made ("Undo"). */
        UNDO("Undo"),
        /** Make again the decision just taken back ("Redo"). */
        REDO("Redo"),
        /** Nothing to take back: the message is a hint. */
        NONE("");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
