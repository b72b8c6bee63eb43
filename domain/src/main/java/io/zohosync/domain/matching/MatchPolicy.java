package io.zohosync.domain.matching;

/**
 * Value: the configurable part of matching (design.md §5).
 *
 * @param linkNewByEmail     a new customer whose email a Zoho contact already carries is linked to it, not duplicated
 * @param matchReturningByName a returning customer with no email match is searched by normalized name
 */
public record MatchPolicy(boolean linkNewByEmail, boolean matchReturningByName) {

    /** Both on, as design.md §5 describes. */
    public static final MatchPolicy DEFAULT = new MatchPolicy(true, true);
}
