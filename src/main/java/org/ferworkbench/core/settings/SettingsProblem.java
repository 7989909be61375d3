package org.ferworkbench.core.settings;

/**
 * What is wrong with one setting, e.g. "test ratio must be between 0 and 1 (exclusive), got 1.5" for
 * {@link Setting#TEST_RATIO}. The message names the setting in words; front ends add where it came from.
 */
public record SettingsProblem(Setting setting, String message) {
}
