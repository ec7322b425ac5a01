/// Steps taken over section names and the section tree while a config is built (bytes of names
/// looked at, tree nodes visited), so that tests can check the work grows linearly with the text.
final class ConfigWork {
    var steps = 0
}
