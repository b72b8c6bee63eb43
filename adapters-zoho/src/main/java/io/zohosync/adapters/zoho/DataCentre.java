package io.zohosync.adapters.zoho;

import io.zohosync.adapters.zoho.oauth.AccountsServers;
import java.util.Arrays;
import java.util.Optional;

/** Zoho's data centres: where a connection's accounts (OAuth) server and API host live (zoho-api.md §1.1). */
public enum DataCentre {
    US("com", "https://accounts.zoho.com", "https://www.zohoapis.com"),
    EU("eu", "https://accounts.zoho.eu", "https://www.zohoapis.eu"),
    IN("in", "https://accounts.zoho.in", "https://www.zohoapis.in"),
    AU("com.au", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
    JP("jp", "https://accounts.zoho.jp", "https://www.zohoapis.jp"),
    CA("ca", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    CN("com.cn", "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"),
    SA("sa", "https://accounts.zoho.sa", "https://www.zohoapis.sa");

    private final String location;
    private final String accountsUrl;
    private final String apiUrl;

    DataCentre(String location, String accountsUrl, String apiUrl) {
        this.location = location;
        this.accountsUrl = accountsUrl;
        this.apiUrl = apiUrl;
    }

    /** The domain's ending after {@code zoho.}: com, eu, com.au… */
    String location() {
        return location;
    }

    public String accountsUrl() {
        return accountsUrl;
    }

    public String apiUrl() {
        return apiUrl;
    }

    /** The data centre behind an OAuth callback's {@code location} parameter ("us", "eu", "in", "ca", ...). */
    public static Optional<DataCentre> fromLocation(String location) {
        if (location == null) {
            return Optional.empty();
        }
        String l = location.trim().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values())
                .filter(dc -> dc.name().equalsIgnoreCase(l) || dc.location.equals(l))
                .findFirst();
    }

    /** The OAuth side's view of the data centres: which accounts servers are Zoho's. */
    static AccountsServers accountsServers() {
        return new AccountsServers() {
            @Override
            public Optional<String> at(String url) {
                return fromAccountsServer(url).map(DataCentre::accountsUrl);
            }

            @Override
            public Optional<String> of(String location) {
                return fromLocation(location).map(DataCentre::accountsUrl);
            }
        };
    }

    /** The data centre whose accounts server is {@code accountsServer}, as sent in the callback's {@code accounts-server}. */
    public static Optional<DataCentre> fromAccountsServer(String accountsServer) {
        if (accountsServer == null) {
            return Optional.empty();
        }
        String s = accountsServer.trim().replaceAll("/+$", "");
        return Arrays.stream(values())
                .filter(dc -> dc.accountsUrl.equalsIgnoreCase(s))
                .findFirst();
    }
}
