package dev.codexfence.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Marks a fixture test class that only runs when a test launches it through {@link PolicyKit} (which sets
 * {@link PolicyKit#FIXTURES}); Surefire, IDE runs and package scans skip it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf(value = "dev.codexfence.junit.PolicyKit#launchedByKit", disabledReason = "a fixture run by PolicyKit only")
@interface PolicyFixture {}
