package dev.warren.publisher.channel;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stored rabbit channels, by name.
 */
interface RabbitChannelRepository extends JpaRepository<RabbitChannel, String> {

}
