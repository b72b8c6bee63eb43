package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CRM search criteria such as {@code ((Email:equals:a@b.com)and(Last_Name:starts_with:Sm))}: up to 10 conditions with
 * {@code equals}, {@code not_equal} or {@code starts_with}, joined by {@code and}/{@code or} from left to right; {@code \} escapes.
 */
final class Criteria {
    static final int MAX_CONDITIONS = 10;
    private static final Pattern CONDITION =
            Pattern.compile("\\(([A-Za-z0-9_$.]+):(equals|not_equal|starts_with):((?:\\\\.|[^()\\\\])*)\\)");
    private static final Pattern JOIN = Pattern.compile("\\s*(and|or)\\s*");

    private Criteria() {}

    /** The records the criteria select, or null when the text is not criteria this sandbox understands. */
    static Predicate<JsonObject> parse(String text) {
        String rest = text.trim();
        while (rest.startsWith("((") && rest.endsWith("))")) rest = rest.substring(1, rest.length() - 1);
        List<Predicate<JsonObject>> conditions = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        Matcher condition = CONDITION.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!conditions.isEmpty()) {
                Matcher join = JOIN.matcher(rest).region(at, rest.length());
                if (!join.lookingAt()) return null;
                joins.add(join.group(1));
                at = join.end();
            }
            if (!condition.region(at, rest.length()).lookingAt()) return null;
            conditions.add(condition(
                    condition.group(1), condition.group(2), condition.group(3).replaceAll("\\\\(.)", "$1")));
            at = condition.end();
        }
        if (conditions.isEmpty() || conditions.size() > MAX_CONDITIONS) return null;
        Predicate<JsonObject> all = conditions.get(0);
        for (int i = 1; i < conditions.size(); i++) {
            all = "and".equals(joins.get(i - 1)) ? all.and(conditions.get(i)) : all.or(conditions.get(i));
        }
        return all;
    }

    private static Predicate<JsonObject> condition(String field, String operator, String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return record -> {
            Object actual = record.getValue(field);
            String text = actual == null ? "" : String.valueOf(actual).toLowerCase(Locale.ROOT);
            return switch (operator) {
                case "equals" -> text.equals(wanted);
                case "not_equal" -> !text.equals(wanted);
                default -> text.startsWith(wanted);
            };
        };
    }
}
