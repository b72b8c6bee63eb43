package io.zohosync.adapters.zoho;

/** A usable access token and the API host it belongs to. {@code toString} hides the token. */
record AccessToken(String token, String apiDomain) {

    String header() {
        return "Zoho-oauthtoken " + token;
    }

    @Override
    public String toString() {
        return "AccessToken[apiDomain=" + apiDomain + "]";
    }
}
