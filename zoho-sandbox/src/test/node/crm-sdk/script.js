// Zoho's official CRM Node SDK 8.0, unmodified, against the standalone sandbox: what a user would run.
// Usage: node script.js <sandbox url> <work dir> <marker>
// Prints one JSON line per operation: {"op": .., "http": .., then what Zoho answered}.
import * as ZOHOCRMSDK from "@zohocrm/nodejs-sdk-8.0";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [baseUrl, workDir, marker] = process.argv.slice(2);
if (!baseUrl || !workDir || !marker) {
    console.error("usage: node script.js <sandbox url> <work dir> <marker>");
    process.exit(2);
}
mkdirSync(workDir, { recursive: true });

const { Record } = ZOHOCRMSDK;
const Contacts = Record.Field.Contacts;
const email = `${marker}@example.com`;

// The sandbox is both the accounts server and the api domain: a custom Environment(apiUrl, tokenUrl, fileUploadUrl).
const environment = new ZOHOCRMSDK.Environment(baseUrl, `${baseUrl}/oauth/v2/token`, baseUrl);
const token = new ZOHOCRMSDK.OAuthBuilder()
    .clientId(process.env.ZOHO_CLIENT_ID)
    .clientSecret(process.env.ZOHO_CLIENT_SECRET)
    .refreshToken(process.env.ZOHO_REFRESH_TOKEN)
    .build();
await (await new ZOHOCRMSDK.InitializeBuilder())
    .environment(environment)
    .token(token)
    .store(new ZOHOCRMSDK.FileStore(join(workDir, "sdk_tokens.txt")))
    .resourcePath(workDir)
    .logger(new ZOHOCRMSDK.LogBuilder().level(ZOHOCRMSDK.Levels.INFO).filePath(join(workDir, "sdk.log")).build())
    .initialize();

/** Ids are BigInt, details are Maps, values are Choices, users and duplicate records objects with an id: plain JSON. */
function plain(value) {
    if (value === null || value === undefined) return null;
    if (typeof value === "bigint") return value.toString();
    if (value instanceof ZOHOCRMSDK.Choice) return plain(value.getValue());
    if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(plain);
    if (value instanceof Record.Record) return plain(value.getKeyValues());
    if (typeof value === "object" && typeof value.getId === "function") return plain(value.getId());
    return value;
}

/** A per-record answer (SuccessResponse or APIException) of a write. */
function outcome(answer) {
    const line = {
        status: plain(answer.getStatus()),
        code: plain(answer.getCode()),
        message: plain(answer.getMessage()),
        details: plain(answer.getDetails()),
    };
    if (answer instanceof Record.SuccessResponse) {
        line.action = plain(answer.getAction());
        line.duplicate_field = plain(answer.getDuplicateField());
    }
    return line;
}

function print(op, response, body) {
    console.log(JSON.stringify({ op, http: response == null ? null : response.getStatusCode(), ...body }));
}

/** Runs one operation; an SDK exception is printed as the operation's outcome, never stops the script. */
async function run(op, call) {
    try {
        await call();
    } catch (e) {
        console.log(JSON.stringify({ op, exception: String(e && (e.message || e.code) ? `${e.code ?? ""} ${e.message ?? ""}`.trim() : e), cause: String(e?.cause ?? "") }));
    }
}

function body(response) {
    const object = response.getObject();
    if (object instanceof Record.APIException) return { error: outcome(object) };
    if (object instanceof Record.ActionWrapper) return { data: object.getData().map(outcome) };
    if (object instanceof Record.ResponseWrapper) {
        const info = object.getInfo();
        return {
            records: object.getData().map(plain),
            info: info == null ? null : { count: info.getCount(), more_records: info.getMoreRecords() },
        };
    }
    return { object: String(object) };
}

function wrap(records, duplicateCheckFields) {
    const request = new Record.BodyWrapper();
    request.setData(records);
    if (duplicateCheckFields) request.setDuplicateCheckFields(duplicateCheckFields);
    return request;
}

function contact(values) {
    const record = new Record.Record();
    for (const [field, value] of values) record.addFieldValue(field, value);
    return record;
}

const operations = new Record.RecordOperations("Contacts");
let id = null;

await run("create", async () => {
    const response = await operations.createRecords(
        wrap([contact([[Contacts.LAST_NAME, "Lovelace"], [Contacts.FIRST_NAME, "Ada"], [Contacts.EMAIL, email]])]));
    const answer = body(response);
    id = answer.data?.[0]?.details?.id ?? null;
    print("create", response, answer);
});

await run("upsert", async () => {
    const response = await operations.upsertRecords(
        wrap([contact([[Contacts.LAST_NAME, "Lovelace"], [Contacts.EMAIL, email], [Contacts.PHONE, "+44 20 7946 0000"]])], ["Email"]));
    print("upsert", response, body(response));
});

await run("update", async () => {
    const record = contact([[Contacts.FIRST_NAME, "Augusta Ada"]]);
    const response = await operations.updateRecord(BigInt(id), wrap([record]));
    print("update", response, body(response));
});

await run("search", async () => {
    const params = new ZOHOCRMSDK.ParameterMap();
    await params.add(Record.SearchRecordsParam.EMAIL, email);
    const response = await operations.searchRecords(params);
    print("search", response, body(response));
});

await run("get", async () => {
    const response = await operations.getRecord(BigInt(id));
    print("get", response, body(response));
});

await run("list", async () => {
    const params = new ZOHOCRMSDK.ParameterMap();
    await params.add(Record.GetRecordsParam.FIELDS, "Last_Name,First_Name,Email,Phone");
    await params.add(Record.GetRecordsParam.PER_PAGE, 200);
    const response = await operations.getRecords(params);
    print("list", response, body(response));
});

await run("create_without_last_name", async () => {
    const response = await operations.createRecords(wrap([contact([[Contacts.EMAIL, `nameless-${email}`]])]));
    print("create_without_last_name", response, body(response));
});

await run("create_duplicate_email", async () => {
    const response = await operations.createRecords(wrap([contact([[Contacts.LAST_NAME, "Byron"], [Contacts.EMAIL, email]])]));
    print("create_duplicate_email", response, body(response));
});

await run("get_unknown_id", async () => {
    const response = await operations.getRecord(BigInt("4150868000000999999"));
    print("get_unknown_id", response, response == null ? {} : body(response));
});

await run("update_unknown_id", async () => {
    const response = await operations.updateRecord(BigInt("4150868000000999999"), wrap([contact([[Contacts.FIRST_NAME, "Nobody"]])]));
    print("update_unknown_id", response, body(response));
});

// Clean-up as users' own tests do it: delete the created record, then it is gone and in the recycle bin.
await run("delete", async () => {
    const params = new ZOHOCRMSDK.ParameterMap();
    await params.add(Record.DeleteRecordParam.WF_TRIGGER, false);
    const response = await operations.deleteRecord(BigInt(id), params);
    print("delete", response, body(response));
});

await run("get_after_delete", async () => {
    const response = await operations.getRecord(BigInt(id));
    print("get_after_delete", response, response == null ? {} : body(response));
});

await run("deleted", async () => {
    const params = new ZOHOCRMSDK.ParameterMap();
    await params.add(Record.GetDeletedRecordsParam.TYPE, "recycle");
    const response = await operations.getDeletedRecords(params);
    const object = response.getObject();
    print("deleted", response, object instanceof Record.DeletedRecordsWrapper
        ? { deleted: object.getData().map(entry => ({ id: plain(entry.getId()), type: plain(entry.getType()), display_name: entry.getDisplayName() })) }
        : body(response));
});
