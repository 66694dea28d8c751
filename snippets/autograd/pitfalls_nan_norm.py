import torch

torch.manual_seed(0)

p = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
q = torch.tensor([1.0, 2.0, 3.0])  # (1)!

torch.linalg.vector_norm(p - q).backward()
print("vector_norm:       ", p.grad)  # (2)!
p.grad = None
((p - q) ** 2).sum().sqrt().backward()
print("sqrt of sum:       ", p.grad)  # (3)!
p.grad = None
(g,) = torch.autograd.grad(torch.linalg.vector_norm(p - q), p, create_graph=True)
(h,) = torch.autograd.grad(g.sum(), p)
print("second derivative: ", h)  # (4)!
