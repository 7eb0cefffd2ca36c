package org.socialledger.support.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The support page (static/support/) answers at /support/ itself: Spring Boot's welcome page only
 * covers "/", and a bookmark without the trailing slash would break the page's relative links.
 */
@Configuration(proxyBeanMethods = false)
class SupportPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/support", "/support/");
        registry.addViewController("/support/").setViewName("forward:/support/index.html");
    }
}
