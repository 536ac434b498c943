using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// Redirects the solver libraries' calls of <c>signal()</c> so that SIGINT stays the application's: a call for SIGINT
/// changes nothing and reports the default action as the previous one; any other signal goes to libc. Linux x86-64 and
/// arm64 (ELF64) only; the tool opts in, a library user does not (see <see cref="SignalGuard"/>).
/// </summary>
/// <remarks>
/// Why: CLP's handler, installed for each solve, writes to the last ClpSimplex that started a solve, which may have
/// been freed; a Ctrl+C that reaches it is lost to the application (measured: in one of five <c>blocs</c> runs) or
/// delayed until that model solves again (2.3 s). The libraries call <c>signal</c> through their procedure linkage
/// table (libClp.so.1: R_X86_64_JUMP_SLOT, outside RELRO); the slot is found through the dynamic section that the
/// loader maps and is overwritten with a pointer to <see cref="Signal"/>.
/// </remarks>
internal static unsafe class ElfSignalPatch
{
    private const int SigInt = 2;
    private const uint PtDynamic = 2;
    private const long DtNull = 0, DtPltRelSize = 2, DtStrTab = 5, DtSymTab = 6, DtRela = 7, DtRelaSize = 8, DtJmpRel = 23;
    private const int ProtRead = 1, ProtWrite = 2;

    private static readonly List<(IntPtr Base, string Name, IntPtr Phdr, int Count)> Objects = [];
    private static IntPtr s_realSignal;

    /// <summary>Redirects every import of <c>signal</c> in the loaded libraries whose file name contains one of <paramref name="markers"/>.</summary>
    /// <returns>How many slots were redirected (0 where this cannot be done).</returns>
    public static int Apply(IReadOnlyList<string> markers)
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return 0;
        }

        try
        {
            s_realSignal = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "signal");
            Objects.Clear();
            _ = dl_iterate_phdr(&OnObject, IntPtr.Zero); // returns what the callback last returned
            int patched = 0;
            foreach (var (baseAddress, name, phdr, count) in Objects)
            {
                string file = Path.GetFileName(name);
                if (markers.Any(m => file.Contains(m, StringComparison.OrdinalIgnoreCase)))
                {
                    patched += Patch(baseAddress, phdr, count);
                }
            }

            return patched;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnObject(DlPhdrInfo* info, nuint size, IntPtr data)
    {
        Objects.Add((info->Address, Marshal.PtrToStringUTF8(info->Name) ?? string.Empty, info->Phdr, info->PhdrCount));
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr Signal(int signal, IntPtr handler) =>
        signal == SigInt ? IntPtr.Zero : ((delegate* unmanaged[Cdecl]<int, IntPtr, IntPtr>)s_realSignal)(signal, handler);

    private static int Patch(IntPtr baseAddress, IntPtr phdr, int count)
    {
        long b = baseAddress;
        long dynamic = 0;
        for (int i = 0; i < count; i++)
        {
            byte* header = (byte*)phdr + (i * 56); // Elf64_Phdr
            if (*(uint*)header == PtDynamic)
            {
                dynamic = b + *(long*)(header + 16); // p_vaddr
            }
        }

        if (dynamic == 0)
        {
            return 0;
        }

        long strtab = 0, symtab = 0, jmprel = 0, pltSize = 0, rela = 0, relaSize = 0;
        for (long* entry = (long*)dynamic; entry[0] != DtNull; entry += 2)
        {
            long value = entry[1];
            switch (entry[0])
            {
                case DtStrTab: strtab = value; break;
                case DtSymTab: symtab = value; break;
                case DtJmpRel: jmprel = value; break;
                case DtPltRelSize: pltSize = value; break;
                case DtRela: rela = value; break;
                case DtRelaSize: relaSize = value; break;
            }
        }

        // The loader rewrites these to addresses; a loader that does not leaves offsets from the base.
        long Absolute(long value) => value != 0 && value < b ? b + value : value;
        strtab = Absolute(strtab);
        symtab = Absolute(symtab);
        if (strtab == 0 || symtab == 0)
        {
            return 0;
        }

        IntPtr replacement = (IntPtr)(delegate* unmanaged[Cdecl]<int, IntPtr, IntPtr>)&Signal;
        return Redirect(Absolute(jmprel), pltSize) + Redirect(Absolute(rela), relaSize);

        int Redirect(long table, long bytes)
        {
            int done = 0;
            for (long offset = 0; table != 0 && offset + 24 <= bytes; offset += 24)
            {
                byte* relocation = (byte*)table + offset; // Elf64_Rela: r_offset, r_info, r_addend
                ulong info = *(ulong*)(relocation + 8);
                uint type = (uint)info;
                uint symbol = (uint)(info >> 32);
                bool slot = type is 7 or 6 /* x86-64 JUMP_SLOT, GLOB_DAT */ or 1026 or 1025 /* arm64 JUMP_SLOT, GLOB_DAT */;
                if (!slot || symbol == 0)
                {
                    continue;
                }

                uint nameOffset = *(uint*)((byte*)symtab + (symbol * 24L)); // Elf64_Sym.st_name
                if (Marshal.PtrToStringUTF8(checked((IntPtr)(strtab + nameOffset))) != "signal")
                {
                    continue;
                }

                IntPtr* target = (IntPtr*)(b + *(long*)relocation);
                long page = (long)target & ~4095L;
                if (mprotect(checked((IntPtr)page), 4096, ProtRead | ProtWrite) == 0)
                {
                    Volatile.Write(ref *target, replacement);
                    done++;
                }
            }

            return done;
        }
    }

    [DllImport("libc", EntryPoint = "dl_iterate_phdr")]
    private static extern int dl_iterate_phdr(delegate* unmanaged[Cdecl]<DlPhdrInfo*, nuint, IntPtr, int> callback, IntPtr data);

    [DllImport("libc", EntryPoint = "mprotect")]
    private static extern int mprotect(IntPtr address, nuint length, int protection);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlPhdrInfo
    {
        public IntPtr Address;
        public IntPtr Name;
        public IntPtr Phdr;
        public ushort PhdrCount;
    }
}
