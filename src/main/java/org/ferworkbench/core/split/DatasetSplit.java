package org.ferworkbench.core.split;

import java.util.List;

/** Train and test items (in class, then file order) and notes about how the split was made. */
public record DatasetSplit<T>(List<T> train, List<T> test, List<String> notes) {
    public DatasetSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
        notes = List.copyOf(notes);
    }
}
