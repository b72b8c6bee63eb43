package io.zohosync.domain.matching;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Domain rule: the matching form of a name — no accents, lower case, single inner spaces, trimmed. */
public final class PersonName {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private PersonName() {}

    /** "  José   DE la Cruz " becomes "jose de la cruz"; null becomes "". */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        String unaccented =
                MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFD)).replaceAll("");
        return BLANKS.matcher(unaccented.toLowerCase(Locale.ROOT))
                .replaceAll(" ")
                .trim();
    }

    public static boolean same(String a, String b) {
        String left = normalize(a);
        return !left.isEmpty() && left.equals(normalize(b));
    }
}
