package org.ferworkbench.cli;

import org.ferworkbench.core.settings.InvalidSettingsException;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.settings.PrepareConfigBuilder;
import org.ferworkbench.core.settings.Setting;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.StringJoiner;

/**
 * Hands the settings options given on the command line to core, which reads and checks them: each option is the
 * {@link Setting} of that name, so an option block only declares its options (names, help) and parses nothing.
 */
final class OptionSettings {
    private OptionSettings() { }

    /** Every option of {@code options} that was given and names a setting, onto {@code settings}. */
    static void apply(CommandSpec options, PrepareConfigBuilder settings) {
        for (OptionSpec o : options.options()) {
            Setting.forOption(o.longestName()).ifPresent(s -> {
                Object value = o.getValue();
                if (value instanceof String text) {
                    settings.parse(s, text);
                } else if (Boolean.TRUE.equals(value)) {
                    settings.parse(s, "false");   // a --no-... switch turns its setting off
                }
            });
        }
    }

    /** The settings, or one line naming each option that is wrong and why ("--test-ratio: test ratio must be ..."). */
    static PrepareConfig build(PrepareConfigBuilder settings) {
        try {
            return settings.build();
        } catch (InvalidSettingsException e) {
            StringJoiner why = new StringJoiner("; ");
            e.problems().forEach(p -> why.add(p.setting().option() + ": " + p.message()));
            throw new IllegalArgumentException(why.toString(), e);
        }
    }
}
