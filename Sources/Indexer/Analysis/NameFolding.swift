/// Folds the Latin spellings of one Arabic or Persian name to one key.
///
/// PLACEHOLDER: no keys yet (issue 3).
public enum NameFolding {}
