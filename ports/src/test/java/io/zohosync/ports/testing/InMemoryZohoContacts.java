package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Predicate;

/** Test double for {@link ZohoContacts}: contacts in a list, calls counted, the next outcomes scriptable. */
public final class InMemoryZohoContacts implements ZohoContacts {

    private final List<ZohoContact> contacts = new ArrayList<>();
    private final Queue<ZohoOutcome<?>> scripted = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private final java.util.Map<String, Runnable> hooks = new java.util.HashMap<>();
    private long nextId = 460_000_000_000_001L;
    private String currency = "ZAR";

    /** The currency contacts made from now on are billed in (the organization's base currency); ZAR at first. */
    public InMemoryZohoContacts billingIn(String currencyCode) {
        currency = currencyCode;
        return this;
    }

    /** A contact that already exists in "Zoho". */
    public ZohoContact add(String name, String email, String notes) {
        ZohoContact contact = new ZohoContact(Long.toString(nextId++), name, email, notes, currency);
        contacts.add(contact);
        return contact;
    }

    /** The next call answers {@code outcome} instead of doing its work. */
    public InMemoryZohoContacts thenAnswer(ZohoOutcome<?> outcome) {
        scripted.add(outcome);
        return this;
    }

    /** Runs {@code hook} once, when {@code call} is next made, before the call does its work (a change arriving mid-run, a lease lost). */
    public InMemoryZohoContacts onCall(String call, Runnable hook) {
        hooks.put(call, hook);
        return this;
    }

    public List<ZohoContact> contacts() {
        return List.copyOf(contacts);
    }

    /** The calls made, as "create", "update", "get", "findByEmail"... */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Future<ZohoOutcome<ZohoContact>> create(Customer customer, String contactName) {
        return answer("create", () -> {
            if (contacts.stream().anyMatch(c -> contactName.equalsIgnoreCase(c.contactName()))) {
                return new ZohoOutcome.Duplicate<>(
                        Optional.empty(), "The contact \"" + contactName + "\" already exists.");
            }
            ZohoContact made = add(contactName, customer.email(), ZohoContacts.marker(customer.platformId()));
            return new ZohoOutcome.Success<>(made);
        });
    }

    @Override
    public Future<ZohoOutcome<ZohoContact>> update(String contactId, Customer customer) {
        return answer("update", () -> {
            Optional<ZohoContact> found = contacts.stream()
                    .filter(c -> c.contactId().equals(contactId))
                    .findFirst();
            if (found.isEmpty()) {
                return new ZohoOutcome.NotFound<>("Contact does not exist.");
            }
            ZohoContact updated = new ZohoContact(
                    contactId,
                    customer.displayName(),
                    customer.email(),
                    found.get().notes(),
                    found.get().currencyCode());
            contacts.set(contacts.indexOf(found.get()), updated);
            return new ZohoOutcome.Success<>(updated);
        });
    }

    @Override
    public Future<ZohoOutcome<ZohoContact>> get(String contactId) {
        return answer(
                "get",
                () -> contacts.stream()
                        .filter(c -> c.contactId().equals(contactId))
                        .findFirst()
                        .<ZohoOutcome<ZohoContact>>map(ZohoOutcome.Success::new)
                        .orElseGet(() -> new ZohoOutcome.NotFound<>("Contact does not exist.")));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByEmail(String email) {
        return find("findByEmail", c -> c.email() != null && c.email().trim().equalsIgnoreCase(email.trim()));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByName(String contactName) {
        String wanted = contactName.toLowerCase(Locale.ROOT);
        return find(
                "findByName",
                c -> c.contactName() != null
                        && c.contactName().toLowerCase(Locale.ROOT).contains(wanted));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByMarker(String platformId) {
        String marker = ZohoContacts.marker(platformId);
        // as Books' client reads it: the marker alone on a line of the notes
        return find(
                "findByMarker",
                c -> c.notes() != null && c.notes().lines().map(String::strip).anyMatch(marker::equals));
    }

    private Future<ZohoOutcome<List<ZohoContact>>> find(String call, Predicate<ZohoContact> matches) {
        return answer(
                call,
                () -> new ZohoOutcome.Success<>(
                        contacts.stream().filter(matches).toList()));
    }

    @SuppressWarnings("unchecked")
    private <T> Future<ZohoOutcome<T>> answer(String call, java.util.function.Supplier<ZohoOutcome<T>> work) {
        calls.add(call);
        Runnable hook = hooks.remove(call);
        if (hook != null) {
            hook.run();
        }
        ZohoOutcome<?> next = scripted.poll();
        return Future.succeededFuture(next != null ? (ZohoOutcome<T>) next : work.get());
    }
}
