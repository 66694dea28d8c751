import torch
import torch.nn.functional as F

torch.manual_seed(0)

x = torch.ones(1)
w = torch.full([1], 2.0, requires_grad=True)
mse = F.mse_loss(x * w, torch.ones(1))

result = mse.backward()  # (1)!
print(result)
print(w.grad)
