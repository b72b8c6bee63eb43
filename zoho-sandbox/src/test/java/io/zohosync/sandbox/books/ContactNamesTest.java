package io.zohosync.sandbox.books;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sandbox compares contact names as Zoho's duplicate check is modelled: {@link String#equalsIgnoreCase}. */
class ContactNamesTest {

    @Test
    void names_fold_alike_exactly_when_equals_ignore_case_says_they_are_equal() {
        int mismatches = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String name = new String(Character.toChars(cp));
            for (int other :
                    new int[] {Character.toUpperCase(cp), Character.toLowerCase(cp), Character.toTitleCase(cp)}) {
                String variant = new String(Character.toChars(other));
                if (name.equalsIgnoreCase(variant) != Contacts.folded(name).equals(Contacts.folded(variant))) {
                    mismatches++;
                }
            }
        }

        assertThat(mismatches).isZero();
    }

    @Test
    void names_in_scripts_beyond_the_basic_plane_and_lone_surrogates_fold_as_compared() {
        // Deseret capital and small long I: one letter in two cases, each a surrogate pair
        assertThat(Contacts.folded("Ada \uD801\uDC00")).isEqualTo(Contacts.folded("ADA \uD801\uDC28"));
        assertThat(Contacts.folded("\uD801")).isNotEqualTo(Contacts.folded("\uDC00"));
        assertThat(Contacts.folded("Ada Lovelace")).isEqualTo(Contacts.folded("ada LOVELACE"));
    }
}
