package dev.comfypkgs.cli.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.release.SnapshotTags.Choice;
import dev.comfypkgs.cli.release.SnapshotTags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTagsTest {
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final String C = "c".repeat(40);

  @Test
  void firstArchiveOfAReleaseIsThePlainName() {
    assertEquals(new Choice("v0.10.0", false), SnapshotTags.nameFor("0.10.0", A, List.of()));
    assertEquals(new Choice("v0.10.0", false),
        SnapshotTags.nameFor("0.10.0", A, List.of(new Tag("v0.9.3", B), new Tag("v0.10.00", C))),
        "other releases, and names that only look alike, do not take the name");
  }

  @Test
  void laterArchivesOfTheSameReleaseGetASuffix() {
    List<Tag> tags = new ArrayList<>(List.of(new Tag("v0.10.0", A)));
    assertEquals(new Choice("v0.10.0-r2", false), SnapshotTags.nameFor("0.10.0", B, tags));
    tags.add(new Tag("v0.10.0-r2", B));
    assertEquals(new Choice("v0.10.0-r3", false), SnapshotTags.nameFor("0.10.0", C, tags));
  }

  @Test
  void suffixesCountNumericallyNotAsText() {
    List<Tag> tags = List.of(new Tag("v0.10.0", A), new Tag("v0.10.0-r9", B), new Tag("v0.10.0-r10", B));
    assertEquals("v0.10.0-r11", SnapshotTags.nameFor("0.10.0", C, tags).name());
    List<String> names = new ArrayList<>(List.of("v0.10.0-r10", "v0.9.3", "v0.10.0", "v0.10.0-r2", "v1.0.0"));
    names.sort(SnapshotTags.ORDER);
    assertEquals(List.of("v0.9.3", "v0.10.0", "v0.10.0-r2", "v0.10.0-r10", "v1.0.0"), names);
  }

  @Test
  void aCommitAlreadyTaggedKeepsItsTag() {
    List<Tag> tags = List.of(new Tag("v0.10.0", A), new Tag("v0.10.0-r2", B), new Tag("v0.10.0-r3", C));
    assertEquals(new Choice("v0.10.0-r2", true), SnapshotTags.nameFor("0.10.0", B, tags));
    assertEquals(new Choice("v0.10.0", true), SnapshotTags.nameFor("0.10.0", A, tags));
  }

  @Test
  void aTagOfAnotherReleaseOrANonSnapshotTagAtTheCommitIsNotReused() {
    List<Tag> tags = List.of(new Tag("v0.9.3", A), new Tag("v0.10.0-beta", A), new Tag("release-0.10.0", A));
    assertEquals(new Choice("v0.10.0", false), SnapshotTags.nameFor("0.10.0", A, tags));
  }

  @Test
  void aTakenNameIsNeverReusedForAnotherCommit() {
    // The name exists (say, only on the remote) at another commit: it is never moved, a new one is made.
    Choice choice = SnapshotTags.nameFor("0.9.3", B, List.of(new Tag("v0.9.3", A)));
    assertEquals(new Choice("v0.9.3-r2", false), choice);
  }

  @Test
  void namesThatDoNotMatchAreIgnored() {
    assertTrue(SnapshotTags.isSnapshot("v0.10.0-r2"));
    for (String name : List.of("v0.10", "0.10.0", "v0.10.0-r", "v0.10.0-r0", "v0.10.0-rc1", "v0.10.0-r2x")) {
      assertFalse(SnapshotTags.isSnapshot(name), name);
    }
    List<Tag> tags = List.of(new Tag("v0.10.0-rc1", A), new Tag("v0.10.0-r2x", B));
    assertEquals(new Choice("v0.10.0", false), SnapshotTags.nameFor("0.10.0", C, tags));
  }

  @Test
  void aReleaseThatIsNotXyzIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SnapshotTags.nameFor("0.10.0-1; rm", A, List.of()));
  }
}
