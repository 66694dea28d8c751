import torch

torch.manual_seed(0)

x = torch.tensor([-1.0, 0.0, 4.0], requires_grad=True)
safe = torch.where(x > 0, x, 1.0)  # (1)!
y = torch.where(x > 0, safe.sqrt(), 0.0)
y.sum().backward()
print(x.grad)

p = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
q = torch.tensor([1.0, 2.0, 3.0])
(((p - q) ** 2).sum() + 1e-12).sqrt().backward()  # (2)!
print(p.grad)
