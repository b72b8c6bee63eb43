package io.zohosync.ports.flows.item;

import io.vertx.core.Future;
import io.zohosync.domain.catalog.Item;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoItem;
import io.zohosync.ports.out.zoho.ZohoItems;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.List;

/**
 * A catalog item as a Zoho Books or Inventory item, found again by its sku (the sku is its marker: Zoho keeps skus
 * unique). In Inventory it lets stock be tracked (a STOCK record waits for its item there); when Books and Inventory
 * are both enabled Zoho keeps one set of items for the organization (UNCONFIRMED in Zoho's text), and the item then
 * links to the record Books made, found by sku.
 */
public final class ItemHandler implements SyncHandler<Item> {

    private final SyncTarget target;
    private final String product;
    private final ZohoItems items;
    private final ItemMapping mapping = new ItemMapping();

    /** Items at {@code target} ({@code books} or {@code inventory}) through that product's items client. */
    public ItemHandler(SyncTarget target, ZohoItems items) {
        if (target != SyncTarget.BOOKS && target != SyncTarget.INVENTORY) {
            throw new IllegalArgumentException("items are kept in Books or Inventory, not " + target.wire());
        }
        this.target = target;
        this.product = target == SyncTarget.BOOKS ? "Books" : "Inventory";
        this.items = items;
    }

    @Override
    public EntityType type() {
        return EntityType.ITEM;
    }

    @Override
    public SyncTarget target() {
        return target;
    }

    @Override
    public EntityMapping<Item> mapping() {
        return mapping;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Item item) {
        return items.findBySku(item.sku()).map(ItemHandler::ids);
    }

    /** An item the product already holds under this sku is linked, not created again. */
    /** The search by SKU and the create. */
    @Override
    public int plannedCreateCalls(Item item) {
        return 2;
    }

    /** Ours: the update; another's: its read and the update of the fields we own. */
    @Override
    public int plannedUpdateCalls(Item item, boolean ours) {
        return ours ? 1 : 2;
    }

    @Override
    public Future<ZohoOutcome<Match>> match(Item item, Links links) {
        return items.findBySku(item.sku()).map(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<ZohoItem>> ok)) {
                return ZohoOutcome.retype(found);
            }
            List<String> ids = ok.value().stream().map(ZohoItem::itemId).toList();
            if (ids.isEmpty()) {
                return new ZohoOutcome.Success<>(Match.CREATE);
            }
            SyncEvent event = ids.size() == 1
                    ? new SyncEvent.Linked(ids.get(0), product + " already has an item with sku " + item.sku())
                    : new SyncEvent.Ambiguous(
                            ids,
                            ids.size() + " " + product + " items carry sku " + item.sku() + "; an admin must choose");
            return new ZohoOutcome.Success<>(new Match.Settled(event, ids.size() == 1 ? "linked_by_sku" : "ambiguous"));
        });
    }

    @Override
    public Future<ZohoOutcome<String>> create(Item item, Links links) {
        return items.create(item).map(ItemHandler::id);
    }

    @Override
    public Future<ZohoOutcome<String>> update(String itemId, Item item, Links links) {
        return items.update(itemId, item).map(ItemHandler::id);
    }

    /** A linked item the service did not create keeps its name and description; its rate is the platform's. */
    @Override
    public Future<ZohoOutcome<String>> updateOwnedFields(String itemId, Item item, Links links) {
        return items.get(itemId).compose(current -> {
            if (!(current instanceof ZohoOutcome.Success<ZohoItem> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(current));
            }
            ZohoItem zoho = ok.value();
            return items.update(itemId, new Item(item.sku(), zoho.name(), item.rate(), null))
                    .map(ItemHandler::id);
        });
    }

    @Override
    public Future<ZohoOutcome<String>> read(String itemId) {
        return items.get(itemId).map(ItemHandler::id);
    }

    private static ZohoOutcome<String> id(ZohoOutcome<ZohoItem> outcome) {
        return outcome instanceof ZohoOutcome.Success<ZohoItem> ok
                ? new ZohoOutcome.Success<>(ok.value().itemId())
                : ZohoOutcome.retype(outcome);
    }

    private static ZohoOutcome<List<String>> ids(ZohoOutcome<List<ZohoItem>> outcome) {
        return outcome instanceof ZohoOutcome.Success<List<ZohoItem>> ok
                ? new ZohoOutcome.Success<>(
                        ok.value().stream().map(ZohoItem::itemId).toList())
                : ZohoOutcome.retype(outcome);
    }
}
