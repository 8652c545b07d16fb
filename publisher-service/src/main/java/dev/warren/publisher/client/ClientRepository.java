package dev.warren.publisher.client;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Registered clients, looked up by their lower-cased email.
 */
interface ClientRepository extends JpaRepository<Client, Long> {

	Optional<Client> findByEmail(String email);

}
