package io.zohosync.sandbox;

import com.atlassian.oai.validator.report.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validation messages explained by known defects of Zoho's OpenAPI documents (listed in the documents' README);
 * each quirk names the call, the message key, where it points and a telling part of the text, so nothing else slips by.
 */
final class ZohoDocumentQuirks {
  /** One known defect: calls whose path matches, a message key, an instance-pointer pattern and text that must appear. */
  private record Quirk(String path, String key, String pointer, String text, String why) {
    boolean explains(String callPath, ValidationReport.Message message, String at) {
      return Pattern.matches(path, callPath) && message.getKey().equals(key) && Pattern.matches(pointer, at)
          && message.getMessage().contains(text);
    }
  }

  private static final String AMOUNTS = "(total|sub_total|tax_total|balance|shipping_charge|adjustment|tax_percentage"
      + "|outstanding_receivable_amount|unused_credits_receivable_amount|amount_bcy|amount_fcy|bcy_amount)";

  private static final List<Quirk> QUIRKS = List.of(
      new Quirk(".*", "validation.response.body.schema.type", ".*/" + AMOUNTS, "Instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])",
          "amounts typed as integers; Zoho answers decimals"),
      new Quirk(".*", "validation.response.body.schema.type", ".*/" + AMOUNTS, "Instance type (number) does not match any allowed primitive type (allowed: [\"string\"])",
          "amounts typed as strings although their own examples are numbers (total: 10000.00)"),
      new Quirk("/books/v3/(invoices|estimates)", "validation.response.body.schema.type", "/page_context", "Instance type (object) does not match any allowed primitive type (allowed: [\"array\"])",
          "invoices.yml and estimates.yml type page_context as an array of strings; Zoho's pagination page and the other lists use an object"),
      new Quirk("/books/v3/customerpayments(/\\d+)?", "validation.request.body.schema.required", "/?", "[\"amount_applied\",\"invoice_id\"]",
          "customer payments list top-level invoice_id and amount_applied as required besides invoices[]"),
      new Quirk("/books/v3/estimates/\\d+", "validation.request.body.schema.required", "/?", "[\"custom_fields\"]",
          "PUT /estimates lists custom_fields as required"));

  private ZohoDocumentQuirks() {}

  /** The error messages of a report that no known quirk explains, formatted for an assertion. */
  static List<String> unexplained(String path, ValidationReport report) {
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() != ValidationReport.Level.ERROR) continue;
      String at = message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
          .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
      if (QUIRKS.stream().noneMatch(quirk -> quirk.explains(path, message, at))) {
        problems.add(message.getKey() + " @" + at + ": " + message.getMessage());
      }
    }
    return problems;
  }
}
