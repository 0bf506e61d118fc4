package org.sitroom.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test against {@link FakeEngine} with the demo fixture instead of the real engine. Remove it from a
 * browser test to run that test against the real, replayed demo.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(properties = "sitroom.test.fake-engine=true")
public @interface WithFakeEngine {
}
