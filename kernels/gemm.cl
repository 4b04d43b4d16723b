// SGEMM, C = alpha op(A) op(B) + beta C, row-major, in four numbered variants (llm.c style,
// slowest first). Transposition is passed as strides: op(A)[i, p] = a[i * aRow + p * aCol] and
// op(B)[p, j] = b[p * bRow + j * bCol], so one kernel serves NN, NT, TN and TT. Every load and
// store is guarded: any m, n, k, no padding. beta == 0 overwrites C without reading it.
// Tile sizes are -D defines (CLBlast style); the host launches with the matching geometry.
#include "common.h"

#ifndef GEMM_TS
#define GEMM_TS 16 // tiled: square tile edge = work-group edge
#endif
#ifndef GEMM_TM
#define GEMM_TM 64 // regblock: rows of C per work-group
#endif
#ifndef GEMM_TN
#define GEMM_TN 64 // regblock: columns of C per work-group
#endif
#ifndef GEMM_TK
#define GEMM_TK 16 // regblock: depth of one local-memory tile
#endif
#ifndef GEMM_WM
#define GEMM_WM 4 // regblock: rows of C per work-item
#endif
#ifndef GEMM_WN
#define GEMM_WN 4 // regblock: columns of C per work-item
#endif

#define GEMM_RM (GEMM_TM / GEMM_WM) // work-group rows
#define GEMM_RN (GEMM_TN / GEMM_WN) // work-group columns
#define GEMM_THREADS (GEMM_RM * GEMM_RN)

// Batched launches: dimension 1 holds `rowBlocks` row blocks per problem, problem q computing
// C_q = alpha op(A_q) op(B_q) + beta C_q with A_q = a + q aBatch (likewise B and C). One
// problem has rowBlocks = the row-block count and batch strides 0.
#define GEMM_BATCH_PROLOGUE                                                        \
    const int rowBlock = (int)get_group_id(1) % rowBlocks;                         \
    const int problem = (int)get_group_id(1) / rowBlocks;                          \
    a += problem * aBatch; b += problem * bBatch; c += problem * cBatch;

DEVICE_FN void gemm_store(__global float* c, int n, int i, int j, float alpha, float sum, float beta)
{
    const int at = i * n + j;
    c[at] = beta == 0.0f ? alpha * sum : alpha * sum + beta * c[at];
}

// 1: the definition, one output per work-item. Global (n, m), j along dimension 0.
__kernel void gemm_naive(int m, int n, int k, float alpha,
    __global const float* a, int aRow, int aCol, __global const float* b, int bRow, int bCol,
    float beta, __global float* c, int rowBlocks, int aBatch, int bBatch, int cBatch)
{
    GEMM_BATCH_PROLOGUE
    const int j = (int)get_global_id(0), i = rowBlock * (int)get_local_size(1) + (int)get_local_id(1);
    if (i >= m || j >= n) return;
    float sum = 0.0f;
    for (int p = 0; p < k; p++) sum = sum + a[i * aRow + p * aCol] * b[p * bRow + j * bCol];
    gemm_store(c, n, i, j, alpha, sum, beta);
}

// 2: square GEMM_TS tiles of op(A) and op(B) staged in local memory; one output per work-item.
__kernel void gemm_tiled(int m, int n, int k, float alpha,
    __global const float* a, int aRow, int aCol, __global const float* b, int bRow, int bCol,
    float beta, __global float* c, int rowBlocks, int aBatch, int bBatch, int cBatch)
{
    __local float as[GEMM_TS][GEMM_TS];
    __local float bs[GEMM_TS][GEMM_TS];
    GEMM_BATCH_PROLOGUE
    const int lx = (int)get_local_id(0), ly = (int)get_local_id(1);
    const int j = (int)get_group_id(0) * GEMM_TS + lx, i = rowBlock * GEMM_TS + ly;
    float sum = 0.0f;
    for (int t = 0; t < k; t += GEMM_TS)
    {
        as[ly][lx] = (i < m && t + lx < k) ? a[i * aRow + (t + lx) * aCol] : 0.0f;
        bs[ly][lx] = (t + ly < k && j < n) ? b[(t + ly) * bRow + j * bCol] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int q = 0; q < GEMM_TS; q++) sum = sum + as[ly][q] * bs[q][lx];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < m && j < n) gemm_store(c, n, i, j, alpha, sum, beta);
}

// Stages the op(A) tile [GEMM_TM rows from i0] x [GEMM_TK from t] into as[p][i], scalar and
// guarded. Consecutive work-items walk A's contiguous direction, so loads coalesce.
DEVICE_FN void gemm_load_a(LOCAL_ARG float* as, __global const float* a, int aRow, int aCol, int m, int k, int i0, int t, int tid)
{
    for (int l = tid; l < GEMM_TM * GEMM_TK; l += GEMM_THREADS)
    {
        const int ii = aCol == 1 ? l / GEMM_TK : l % GEMM_TM;
        const int pp = aCol == 1 ? l % GEMM_TK : l / GEMM_TM;
        const int i = i0 + ii, p = t + pp;
        as[pp * GEMM_TM + ii] = (i < m && p < k) ? a[i * aRow + p * aCol] : 0.0f;
    }
}

// Stages the op(B) tile [GEMM_TK from t] x [GEMM_TN columns from j0] into bs[p][j].
DEVICE_FN void gemm_load_b(LOCAL_ARG float* bs, __global const float* b, int bRow, int bCol, int k, int n, int t, int j0, int tid)
{
    for (int l = tid; l < GEMM_TK * GEMM_TN; l += GEMM_THREADS)
    {
        const int jj = bCol == 1 ? l % GEMM_TN : l / GEMM_TK;
        const int pp = bCol == 1 ? l / GEMM_TN : l % GEMM_TK;
        const int p = t + pp, j = j0 + jj;
        bs[pp * GEMM_TN + jj] = (p < k && j < n) ? b[p * bRow + j * bCol] : 0.0f;
    }
}

// The register-blocked inner product over one staged tile: acc[r][s] for rows ty + r * RM and
// columns tx + s * RN of the work-group's block (strided, so local reads do not collide).
#define GEMM_ACCUMULATE_TILE(as, bs, acc, tx, ty)                                  \
    for (int q = 0; q < GEMM_TK; q++)                                              \
    {                                                                              \
        float ar[GEMM_WM], br[GEMM_WN];                                            \
        for (int r = 0; r < GEMM_WM; r++) ar[r] = as[q * GEMM_TM + ty + r * GEMM_RM]; \
        for (int s = 0; s < GEMM_WN; s++) br[s] = bs[q * GEMM_TN + tx + s * GEMM_RN]; \
        for (int r = 0; r < GEMM_WM; r++)                                          \
        for (int s = 0; s < GEMM_WN; s++) acc[r][s] = acc[r][s] + ar[r] * br[s];   \
    }

#define GEMM_STORE_BLOCK(acc, i0, j0, tx, ty)                                      \
    for (int r = 0; r < GEMM_WM; r++)                                              \
    for (int s = 0; s < GEMM_WN; s++)                                              \
    {                                                                              \
        const int i = i0 + ty + r * GEMM_RM, j = j0 + tx + s * GEMM_RN;            \
        if (i < m && j < n) gemm_store(c, n, i, j, alpha, acc[r][s], beta);        \
    }

// 3: GEMM_TM x GEMM_TN block per work-group, GEMM_WM x GEMM_WN outputs per work-item held in
// registers. Local (GEMM_RN, GEMM_RM); global (ceil(n / TN) * RN, ceil(m / TM) * RM).
__kernel void gemm_regblock(int m, int n, int k, float alpha,
    __global const float* a, int aRow, int aCol, __global const float* b, int bRow, int bCol,
    float beta, __global float* c, int rowBlocks, int aBatch, int bBatch, int cBatch)
{
    __local float as[GEMM_TK * GEMM_TM];
    __local float bs[GEMM_TK * GEMM_TN];
    const int tx = (int)get_local_id(0), ty = (int)get_local_id(1), tid = ty * GEMM_RN + tx;
    GEMM_BATCH_PROLOGUE
    const int i0 = rowBlock * GEMM_TM, j0 = (int)get_group_id(0) * GEMM_TN;
    float acc[GEMM_WM][GEMM_WN];
    for (int r = 0; r < GEMM_WM; r++)
    for (int s = 0; s < GEMM_WN; s++) acc[r][s] = 0.0f;
    for (int t = 0; t < k; t += GEMM_TK)
    {
        gemm_load_a(as, a, aRow, aCol, m, k, i0, t, tid);
        gemm_load_b(bs, b, bRow, bCol, k, n, t, j0, tid);
        barrier(CLK_LOCAL_MEM_FENCE);
        GEMM_ACCUMULATE_TILE(as, bs, acc, tx, ty)
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    GEMM_STORE_BLOCK(acc, i0, j0, tx, ty)
}

// Vector (float4) staging of the op(A) tile when it lies inside A and every float4 is 16-byte
// aligned (the leading dimension is a multiple of 4); else the guarded scalar path.
DEVICE_FN void gemm_load_a_vec(LOCAL_ARG float* as, __global const float* a, int aRow, int aCol, int aBatch, int m, int k, int i0, int t, int tid)
{
    const int lead = (aCol == 1 ? aRow : aCol) | aBatch; // the batch offset must keep float4 alignment too
    if (i0 + GEMM_TM > m || t + GEMM_TK > k || (lead & 3) != 0) { gemm_load_a(as, a, aRow, aCol, m, k, i0, t, tid); return; }
    for (int l = tid; l < GEMM_TM * GEMM_TK / 4; l += GEMM_THREADS)
    {
        if (aCol == 1)
        {   // four consecutive p of one row i
            const int ii = l / (GEMM_TK / 4), pp = (l % (GEMM_TK / 4)) * 4;
            const float4 v = vload4(0, a + (i0 + ii) * aRow + t + pp);
            as[(pp + 0) * GEMM_TM + ii] = v.x; as[(pp + 1) * GEMM_TM + ii] = v.y;
            as[(pp + 2) * GEMM_TM + ii] = v.z; as[(pp + 3) * GEMM_TM + ii] = v.w;
        }
        else
        {   // four consecutive i of one p (A stored transposed)
            const int pp = l / (GEMM_TM / 4), ii = (l % (GEMM_TM / 4)) * 4;
            const float4 v = vload4(0, a + (t + pp) * aCol + i0 + ii);
            as[pp * GEMM_TM + ii + 0] = v.x; as[pp * GEMM_TM + ii + 1] = v.y;
            as[pp * GEMM_TM + ii + 2] = v.z; as[pp * GEMM_TM + ii + 3] = v.w;
        }
    }
}

DEVICE_FN void gemm_load_b_vec(LOCAL_ARG float* bs, __global const float* b, int bRow, int bCol, int bBatch, int k, int n, int t, int j0, int tid)
{
    const int lead = (bCol == 1 ? bRow : bCol) | bBatch;
    if (j0 + GEMM_TN > n || t + GEMM_TK > k || (lead & 3) != 0) { gemm_load_b(bs, b, bRow, bCol, k, n, t, j0, tid); return; }
    for (int l = tid; l < GEMM_TK * GEMM_TN / 4; l += GEMM_THREADS)
    {
        if (bCol == 1)
        {   // four consecutive j of one row p
            const int pp = l / (GEMM_TN / 4), jj = (l % (GEMM_TN / 4)) * 4;
            const float4 v = vload4(0, b + (t + pp) * bRow + j0 + jj);
            bs[pp * GEMM_TN + jj + 0] = v.x; bs[pp * GEMM_TN + jj + 1] = v.y;
            bs[pp * GEMM_TN + jj + 2] = v.z; bs[pp * GEMM_TN + jj + 3] = v.w;
        }
        else
        {   // four consecutive p of one column j (B stored transposed)
            const int jj = l / (GEMM_TK / 4), pp = (l % (GEMM_TK / 4)) * 4;
            const float4 v = vload4(0, b + (j0 + jj) * bCol + t + pp);
            bs[(pp + 0) * GEMM_TN + jj] = v.x; bs[(pp + 1) * GEMM_TN + jj] = v.y;
            bs[(pp + 2) * GEMM_TN + jj] = v.z; bs[(pp + 3) * GEMM_TN + jj] = v.w;
        }
    }
}

// 4: variant 3 with float4 global loads on interior, aligned tiles.
__kernel void gemm_regblock_vec(int m, int n, int k, float alpha,
    __global const float* a, int aRow, int aCol, __global const float* b, int bRow, int bCol,
    float beta, __global float* c, int rowBlocks, int aBatch, int bBatch, int cBatch)
{
    __local float as[GEMM_TK * GEMM_TM];
    __local float bs[GEMM_TK * GEMM_TN];
    const int tx = (int)get_local_id(0), ty = (int)get_local_id(1), tid = ty * GEMM_RN + tx;
    GEMM_BATCH_PROLOGUE
    const int i0 = rowBlock * GEMM_TM, j0 = (int)get_group_id(0) * GEMM_TN;
    float acc[GEMM_WM][GEMM_WN];
    for (int r = 0; r < GEMM_WM; r++)
    for (int s = 0; s < GEMM_WN; s++) acc[r][s] = 0.0f;
    for (int t = 0; t < k; t += GEMM_TK)
    {
        gemm_load_a_vec(as, a, aRow, aCol, aBatch, m, k, i0, t, tid);
        gemm_load_b_vec(bs, b, bRow, bCol, bBatch, k, n, t, j0, tid);
        barrier(CLK_LOCAL_MEM_FENCE);
        GEMM_ACCUMULATE_TILE(as, bs, acc, tx, ty)
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    GEMM_STORE_BLOCK(acc, i0, j0, tx, ty)
}
