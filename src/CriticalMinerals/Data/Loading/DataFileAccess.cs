using System.Globalization;
using System.Runtime.InteropServices;

namespace CriticalMinerals.Data.Loading;

/// <summary>
/// Reads a user's data file only if it is a regular file within the size cap: a FIFO would block the open for ever,
/// a symbolic link to <c>/dev/zero</c> would fill memory, a directory would be skipped unseen. The file type is taken
/// from <c>stat</c> (following links) before anything is opened.
/// </summary>
internal static partial class DataFileAccess
{
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>The bytes of <paramref name="path"/>, or the problem (named as <paramref name="file"/>) that keeps it from being read.</summary>
    public static (byte[]? Bytes, DataProblem? Problem) Read(string file, string path, long maxBytes)
    {
        if (KindOf(path) is { } kind)
        {
            return (null, new DataProblem(file, 0, "(file)", path, "a regular file, not " + kind));
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return ReadCapped(file, stream, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new DataProblem(file, 0, "(file)", path, "a readable file (" + e.Message + ")"));
        }
    }

    /// <summary>The bytes of a stream (from its current position), or a problem if it holds more than <paramref name="maxBytes"/>.</summary>
    public static (byte[]? Bytes, DataProblem? Problem) ReadCapped(string file, Stream stream, long maxBytes)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            return (null, TooLarge(file, stream.Length - stream.Position, maxBytes));
        }

        // The length may change while reading (or is unknown): never more than the cap (+1 to notice) is read.
        using var memory = stream.CanSeek ? new MemoryStream((int)(stream.Length - stream.Position)) : new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - memory.Length))) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > maxBytes)
            {
                return (null, TooLarge(file, memory.Length, maxBytes));
            }
        }

        return (memory.ToArray(), null);
    }

    /// <summary>What <paramref name="path"/> is when it is not a regular file (e.g. <c>a directory</c>, <c>a FIFO (named pipe)</c>); <see langword="null"/> for a regular file or nothing at all.</summary>
    public static string? KindOf(string path)
    {
        if (Directory.Exists(path))
        {
            return "a directory";
        }

        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        FileStatus status;
        try
        {
            if (Stat(path, out status) != 0)
            {
                return null; // the open that follows reports why
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A runtime without this entry point: the size cap of the read below still bounds memory.
            return null;
        }

        return (status.Mode & TypeMask) switch
        {
            RegularFile => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => string.Create(CultureInfo.InvariantCulture, $"a special file (mode {status.Mode:X})"),
        };
    }

    private static DataProblem TooLarge(string file, long length, long maxBytes) =>
        new(file, 0, "(file)", string.Create(CultureInfo.InvariantCulture, $"{length} bytes or more"),
            string.Create(CultureInfo.InvariantCulture, $"at most {maxBytes} bytes (DatasetLoadOptions.MaxFileBytes)"));

    // The runtime's own stat (libSystem.Native ships with every .NET runtime): its FileStatus starts with Flags, Mode.
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out FileStatus status);

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct FileStatus
    {
        public int Flags;
        public int Mode;
        public fixed long Rest[30];
    }
}
