package org.ferworkbench.core.curation;

import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What the background check found, counted, short enough for the status bar of a 1024 px window: "1,517 images
 * checked: 1,412 one face, 61 no face, 43 several, 1 unreadable". Counts what was found, not what the review or
 * the face policy made of it (the inspector and the Distribution tab say that).
 */
public record CheckSummary(int checked, int unreadable, int noFace, int oneFace, int severalFaces, int notSearched) {

    public static CheckSummary of(Collection<ImageCheck> checks) {
        int unreadable = 0, none = 0, one = 0, several = 0, notSearched = 0;
        for (ImageCheck c : checks) {
            if (!c.readable()) unreadable++;
            else if (!c.detected()) notSearched++;
            else if (c.faceCount() == 0) none++;
            else if (c.faceCount() == 1) one++;
            else several++;
        }
        return new CheckSummary(checks.size(), unreadable, none, one, several, notSearched);
    }

    public String describe() {
        StringJoiner parts = new StringJoiner(", ");
        if (oneFace > 0) parts.add(count(oneFace, "one face"));
        if (noFace > 0) parts.add(count(noFace, "no face"));
        if (severalFaces > 0) parts.add(count(severalFaces, "several"));
        if (notSearched > 0 && notSearched < checked - unreadable) parts.add(count(notSearched, "not searched"));
        if (unreadable > 0) parts.add(count(unreadable, "unreadable"));
        String head = String.format(Locale.ROOT, "%,d image%s checked", checked, checked == 1 ? "" : "s");
        if (noFace + oneFace + severalFaces == 0) {
            return head + (unreadable > 0 ? ": " + count(unreadable, "unreadable") : checked > 0 ? ", all readable" : "");
        }
        return head + ": " + parts;
    }

    private static String count(int n, String what) {
        return String.format(Locale.ROOT, "%,d %s", n, what);
    }
}
