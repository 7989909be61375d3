package org.ferworkbench.core.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Settings that cannot make a {@link PrepareConfig}: every problem found, one per setting. */
public final class InvalidSettingsException extends IllegalArgumentException {
    private final transient List<SettingsProblem> problems;

    public InvalidSettingsException(List<SettingsProblem> problems) {
        super(problems.stream().map(SettingsProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<SettingsProblem> problems() {
        return problems;
    }
}
