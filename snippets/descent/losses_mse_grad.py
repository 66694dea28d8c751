import torch
import torch.nn.functional as F

torch.manual_seed(0)

x = torch.ones(1)
w = torch.full([1], 2.0, requires_grad=True)  # (1)!
mse = F.mse_loss(x * w, torch.ones(1))
print(mse)

(g,) = torch.autograd.grad(mse, [w])  # (2)!
print(g)
print(w.grad)
