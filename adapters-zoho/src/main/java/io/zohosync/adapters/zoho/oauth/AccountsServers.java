package io.zohosync.adapters.zoho.oauth;

import java.util.Optional;

/** Zoho's own accounts servers, looked up by what an OAuth callback names: the only servers a code is exchanged at. */
public interface AccountsServers {

    /** The Zoho accounts server at {@code url} (trailing slashes ignored), if it is one of Zoho's. */
    Optional<String> at(String url);

    /** The accounts server of a callback's {@code location} ("us", "eu", "com.au", ...), if Zoho has one there. */
    Optional<String> of(String location);
}
