package io.zohosync.adapters.zoho.oauth;

/** A usable access token and the API host it belongs to; the token itself leaves this package only as a header. */
public final class AccessToken {

    private final String token;
    private final String apiDomain;

    AccessToken(String token, String apiDomain) {
        this.token = token;
        this.apiDomain = apiDomain;
    }

    String token() {
        return token;
    }

    /** The API host this token is good for, without a trailing slash. */
    public String apiDomain() {
        return apiDomain;
    }

    /** The {@code Authorization} header value Zoho wants (zoho-api.md §1.5). */
    public String header() {
        return "Zoho-oauthtoken " + token;
    }

    @Override
    public String toString() {
        return "AccessToken[apiDomain=" + apiDomain + "]";
    }
}
