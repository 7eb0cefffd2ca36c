package org.socialledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    private static final String SUPPORT = SecuritySettings.Role.SUPPORT.name();
    private static final String AUDITOR = SecuritySettings.Role.AUDITOR.name();
    private static final String ADMIN = SecuritySettings.Role.ADMIN.name();
    private static final String XML_HTTP_REQUEST = "XMLHttpRequest";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // The support page is only HTML, JS and CSS; every piece of data it shows comes from
                        // /api/**, which still asks for credentials, so the page itself may load without them.
                        .requestMatchers("/support", "/support/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .requestMatchers("/api/audit/**").hasRole(AUDITOR)
                        .requestMatchers("/api/**").hasAnyRole(SUPPORT, AUDITOR)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, exception) -> {
                    // RFC 9110: a 401 names the scheme, so curl and API clients know to send Basic credentials.
                    // But a browser that sees "WWW-Authenticate: Basic" on a fetch() answer pops its own
                    // login dialog over the support page, which has a login form of its own and marks its
                    // requests with X-Requested-With (as Spring Security's default entry point also honours).
                    if (!XML_HTTP_REQUEST.equals(request.getHeader("X-Requested-With"))) {
                        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"social-ledger\"");
                    }
                    problem(json, response, HttpStatus.UNAUTHORIZED, "credentials are required", "unauthorized");
                }))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, exception) ->
                        problem(json, response, HttpStatus.FORBIDDEN, "your role does not allow this", "forbidden")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A stateless JSON API with Basic auth: no cookies, so no CSRF token to carry.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    UserDetailsService users(SecuritySettings settings, PasswordEncoder passwords) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (SecuritySettings.User user : settings.users()) {
            users.createUser(User.withUsername(user.name())
                    .password(user.password())
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new))
                    .build());
        }
        return users;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail,
                                String type) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:social-ledger:problem:" + type));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
