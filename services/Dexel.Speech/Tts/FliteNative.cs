using System.Runtime.InteropServices;

namespace Dexel.Speech.Tts;

/// <summary>flite 2.2 from Debian's libflite1 (BSD-style licence), loaded at run time.</summary>
internal static unsafe partial class FliteNative
{
    private const string Library = "libflite.so.1";

    [StructLayout(LayoutKind.Sequential)]
    public struct Wave
    {
        public nint Type;
        public int SampleRate;
        public int NumSamples;
        public int NumChannels;
        public short* Samples;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Voice
    {
        public nint Name;
        public nint Features;
    }

    [LibraryImport(Library, EntryPoint = "flite_init")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "flite_text_to_wave", StringMarshalling = StringMarshalling.Utf8)]
    public static partial Wave* TextToWave(string text, Voice* voice);

    [LibraryImport(Library, EntryPoint = "delete_wave")]
    public static partial void DeleteWave(Wave* wave);

    /// <summary>Each voice is its own library exporting register_cmu_us_NAME(voxdir).</summary>
    public static Voice* RegisterVoice(string name)
    {
        var library = NativeLibrary.Load($"libflite_cmu_us_{name}.so.1");
        var register = (delegate* unmanaged<nint, Voice*>)NativeLibrary.GetExport(library, $"register_cmu_us_{name}");
        return register(0);
    }
}
