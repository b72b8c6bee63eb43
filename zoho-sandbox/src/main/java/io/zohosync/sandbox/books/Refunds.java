package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ZohoReplies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * What refunds of customer payments and of credit notes share: the body check (a date, an amount in cents no more than
 * what is refundable, the account the money leaves) and exact amount arithmetic over Zoho's decimal JSON numbers.
 */
final class Refunds {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_TEXT = 100;

    private Refunds() {}

    /**
     * The amount of a valid refund body, or null after answering what is wrong. {@code what} names what the refund draws
     * on ("the credit note's balance", "the payment's unused amount") in the over-refund message.
     */
    static BigDecimal checked(RoutingContext rc, JsonObject body, BigDecimal refundable, String what) {
        BigDecimal amount = body.getValue("amount") instanceof Number n ? new BigDecimal(n.toString()) : null;
        String invalid = !DATE.matcher(body.getString("date", "")).matches()
                ? "date"
                : amount == null
                                || amount.signum() <= 0
                                || amount.stripTrailingZeros().scale() > 2
                        ? "amount"
                        : Bodies.blank(body.getString("from_account_id"))
                                ? "from_account_id"
                                : body.getString("reference_number", "").length() > MAX_TEXT
                                        ? "reference_number"
                                        : body.getString("refund_mode", "").length() > MAX_TEXT ? "refund_mode" : null;
        if (invalid != null) {
            ZohoReplies.invalid(rc, invalid);
            return null;
        }
        if (amount.compareTo(refundable) > 0) {
            ZohoReplies.error(
                    rc,
                    400,
                    ZohoReplies.CODE_INVALID_VALUE,
                    "Invalid value passed for amount: the refund is more than " + what + " ("
                            + refundable.toPlainString() + ").");
            return null;
        }
        return cents(amount);
    }

    /** The refund record both kinds keep: the body's fields as Zoho echoes them, with the amount in base and foreign currency. */
    static JsonObject record(JsonObject body, BigDecimal amount) {
        return new JsonObject()
                .put("date", body.getString("date"))
                .put("refund_mode", body.getString("refund_mode", ""))
                .put("reference_number", body.getString("reference_number", ""))
                .put("description", body.getString("description", ""))
                .put("from_account_id", body.getString("from_account_id"))
                .put("amount", amount.doubleValue())
                .put("amount_bcy", amount.doubleValue())
                .put("amount_fcy", amount.doubleValue());
    }

    /** The fields of a refund an answer shows (a list row or the whole record), in their order. */
    static JsonObject pick(JsonObject refund, String[] fields) {
        JsonObject shown = new JsonObject();
        for (String field : fields) shown.put(field, refund.getValue(field));
        return shown;
    }

    /** An amount stored as a JSON number, exactly. */
    static BigDecimal amount(JsonObject record, String field) {
        Object value = record.getValue(field);
        return value instanceof Number n ? cents(new BigDecimal(n.toString())) : BigDecimal.ZERO.setScale(2);
    }

    static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
