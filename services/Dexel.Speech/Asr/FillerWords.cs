namespace Dexel.Speech.Asr;

/// <summary>
/// Everyday English words for the grammar's out-of-grammar loop: speech that is not a command
/// matches a run of these better than any command path, and is then rejected.
/// </summary>
internal static class FillerWords
{
    public static readonly IReadOnlyList<string> All =
    """
    a about after again all also always am an and any are around as ask at away back bad be because
    been before being best better big book bring but buy by call came can car city cold come could
    day did do does dog done down drive each eat email even every far find first food for friend
    from get give go going good got great had has have he hear hello help her here high him his home
    hot house how i if in into is it its just keep kind know last late left let life like little live
    long look lot love make man many may me meeting money more morning most much must my name near need
    never new news night no not now of off office old on one only open or order other our out over
    people phone place please put rain read right room said same say school see send set she
    should show since so some something soon start still stop sun sure take talk tell than thank that
    the their them then there these they thing think this those time to today tomorrow too train tree
    turn two under up us use very wait walk want was water way we weather week well went were what when
    where which who why will window with word work world would write year yes yesterday you your
    evening weekend birthday dinner lunch breakfast doctor car bus flight ticket
    remind alarm timer minute hour clock email message text call mom dad sister brother baby kitchen
    light lights door temperature degrees forecast traffic score game team win lost price cost dollar
    recipe cook pizza coffee tea milk bread store shop open close quickly slowly
    """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
}
