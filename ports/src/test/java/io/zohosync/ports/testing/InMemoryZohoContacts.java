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
    /** Books' modification clock, in seconds: every write ticks it. */
    private long modified = 1_700_000_000L;

    /** The currency contacts made from now on are billed in (the organization's base currency); ZAR at first. */
    public InMemoryZohoContacts billingIn(String currencyCode) {
        currency = currencyCode;
        return this;
    }

    /** A contact that already exists in "Zoho". */
    public ZohoContact add(String name, String email, String notes) {
        String id = Long.toString(nextId++);
        ZohoContact contact = new ZohoContact(
                id, name, email, notes, currency, "p" + id, java.time.Instant.ofEpochSecond(modified++));
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

    /** A contact changed in "Zoho" (its UI): renamed, its primary person replaced (a new person id). */
    public ZohoContact editInUi(String contactId, String name, String personId) {
        ZohoContact old = contacts.stream()
                .filter(c -> c.contactId().equals(contactId))
                .findFirst()
                .orElseThrow();
        ZohoContact edited = new ZohoContact(
                contactId,
                name,
                old.email(),
                old.notes(),
                old.currencyCode(),
                personId,
                java.time.Instant.ofEpochSecond(modified++));
        contacts.set(contacts.indexOf(old), edited);
        return edited;
    }

    /** A contact deleted in "Zoho" (its UI). */
    public void remove(String contactId) {
        contacts.removeIf(c -> c.contactId().equals(contactId));
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
                    found.get().currencyCode(),
                    found.get().primaryPersonId(),
                    java.time.Instant.ofEpochSecond(modified++));
            contacts.set(contacts.indexOf(found.get()), updated);
            return new ZohoOutcome.Success<>(updated);
        });
    }

    /** The PUT without a read: the name sent back as given, the person named by id (as Books does, per its OpenAPI). */
    @Override
    public Future<ZohoOutcome<ZohoContact>> update(
            String contactId, String contactName, String personId, Customer customer) {
        return answer("put", () -> {
            Optional<ZohoContact> found = contacts.stream()
                    .filter(c -> c.contactId().equals(contactId))
                    .findFirst();
            if (found.isEmpty()) {
                return new ZohoOutcome.NotFound<>("Contact does not exist.");
            }
            if (!personId.equals(found.get().primaryPersonId())) {
                return new ZohoOutcome.NotFound<>("Contact person does not exist.");
            }
            ZohoContact updated = new ZohoContact(
                    contactId,
                    contactName,
                    customer.email(),
                    found.get().notes(),
                    found.get().currencyCode(),
                    personId,
                    java.time.Instant.ofEpochSecond(modified++));
            contacts.set(contacts.indexOf(found.get()), updated);
            return new ZohoOutcome.Success<>(updated);
        });
    }

    /** Pages of {@code size} list rows (no notes, no person id), newest-modified first when asked. */
    private int pageSize = 200;

    private boolean sorts = true;

    public InMemoryZohoContacts pageSize(int size) {
        pageSize = size;
        return this;
    }

    /** Lists in creation order whatever order is asked, and says so (as Books would if it ignored sort_order). */
    public InMemoryZohoContacts ignoringSortOrder() {
        sorts = false;
        return this;
    }

    @Override
    public Future<ZohoOutcome<io.zohosync.ports.out.zoho.ContactsPage>> page(int page, boolean newestFirst) {
        return answer("page", () -> {
            List<ZohoContact> rows = new ArrayList<>(contacts);
            if (newestFirst && sorts) {
                rows.sort(
                        java.util.Comparator.comparing(ZohoContact::modifiedAt).reversed());
            }
            int from = Math.min(rows.size(), (page - 1) * pageSize);
            int to = Math.min(rows.size(), from + pageSize);
            List<ZohoContact> listed = rows.subList(from, to).stream()
                    .map(c -> new ZohoContact(
                            c.contactId(), c.contactName(), c.email(), null, c.currencyCode(), null, c.modifiedAt()))
                    .toList();
            return new ZohoOutcome.Success<>(
                    new io.zohosync.ports.out.zoho.ContactsPage(listed, to < rows.size(), newestFirst && sorts));
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
