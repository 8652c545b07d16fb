package dev.warren.publisher.security;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stored API keys.
 */
interface ApiKeyRepository extends JpaRepository<ApiKey, String> {

	Optional<ApiKey> findByKeyHash(String keyHash);

	List<ApiKey> findAllByOrderByCreatedAt();

}
