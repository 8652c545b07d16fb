package dev.warren.publisher.topic;

import java.util.List;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The stored topics, by name, and the clock their rules are versioned by.
 */
interface TopicRepository extends JpaRepository<Topic, String> {

	/**
	 * Moves the rule clock on; the row stays locked until the transaction ends, so rule
	 * changes of every instance are ordered.
	 */
	@Modifying
	@Query(value = "UPDATE warren_topic_rule_clock SET version = version + 1 WHERE id = 1", nativeQuery = true)
	int tickRuleClock();

	@Query(value = "SELECT version FROM warren_topic_rule_clock WHERE id = 1", nativeQuery = true)
	long ruleClock();

	/**
	 * The topics whose rule is not the default one, with their members.
	 * @return them, by name
	 */
	@EntityGraph(attributePaths = "members")
	List<Topic> findByRuleVersionGreaterThanOrderByName(long version);

}
