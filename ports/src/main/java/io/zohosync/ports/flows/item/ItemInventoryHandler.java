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
 * A catalog item as a Zoho Inventory item, found again by its sku, so stock can be tracked for it (issue 11: a STOCK
 * record waits for its item here). When Books and Inventory are both enabled Zoho keeps one set of items for the
 * organization (UNCONFIRMED in Zoho's text): the item then links to the record Books made, found by sku.
 */
public final class ItemInventoryHandler implements SyncHandler<Item> {

    private final ZohoItems items;
    private final ItemMapping mapping = new ItemMapping();

    public ItemInventoryHandler(ZohoItems items) {
        this.items = items;
    }

    @Override
    public EntityType type() {
        return EntityType.ITEM;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.INVENTORY;
    }

    @Override
    public EntityMapping<Item> mapping() {
        return mapping;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Item item) {
        return items.findBySku(item.sku()).map(ItemInventoryHandler::ids);
    }

    /** An item Books already holds under this sku is linked, not created again. */
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
                    ? new SyncEvent.Linked(ids.get(0), "Inventory already has an item with sku " + item.sku())
                    : new SyncEvent.Ambiguous(
                            ids, ids.size() + " Inventory items carry sku " + item.sku() + "; an admin must choose");
            return new ZohoOutcome.Success<>(new Match.Settled(event, ids.size() == 1 ? "linked_by_sku" : "ambiguous"));
        });
    }

    @Override
    public Future<ZohoOutcome<String>> create(Item item, Links links) {
        return items.create(item).map(ItemInventoryHandler::id);
    }

    @Override
    public Future<ZohoOutcome<String>> update(String itemId, Item item, Links links) {
        return items.update(itemId, item).map(ItemInventoryHandler::id);
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
                    .map(ItemInventoryHandler::id);
        });
    }

    @Override
    public Future<ZohoOutcome<String>> read(String itemId) {
        return items.get(itemId).map(ItemInventoryHandler::id);
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
