package dev.warren.publisher.topic;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The stored topics, by name.
 */
interface TopicRepository extends JpaRepository<Topic, String> {

}
