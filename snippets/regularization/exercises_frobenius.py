import torch

torch.manual_seed(0)

W = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
A = W.detach()
print((A ** 2).sum(), torch.trace(A.T @ A), A.flatten() @ A.flatten())
print((torch.linalg.svdvals(A) ** 2).sum())  # (1)!

(0.5 * torch.linalg.norm(W, "fro") ** 2).backward()  # (2)!
print(torch.equal(W.grad, W.detach()))
