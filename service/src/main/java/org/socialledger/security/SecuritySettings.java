package org.socialledger.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.security.users[n].name / password / roles}. Passwords carry their encoding
 * ({@code {bcrypt}...}, or {@code {noop}...} for a demo). No users configured: nobody gets in.
 */
@ConfigurationProperties("ledger.security")
public record SecuritySettings(List<User> users) {

    public record User(String name, String password, List<Role> roles) {
    }

    public enum Role { SUPPORT, AUDITOR, ADMIN }

    public SecuritySettings {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
