package io.zohosync.sandbox;

/** Zoho data centre the sandbox pretends to be; only its {@code location} code is visible (OAuth redirect). */
public enum DataCentre {
    US("us"),
    EU("eu"),
    IN("in"),
    AU("au"),
    JP("jp"),
    CA("ca"),
    CN("cn"),
    SA("sa");

    private final String location;

    DataCentre(String location) {
        this.location = location;
    }

    public String location() {
        return location;
    }
}
